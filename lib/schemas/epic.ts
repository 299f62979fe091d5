import { z } from "zod";
import { EPIC_TYPES, PRIORITIES, TODO_STATUSES } from "@/lib/domain/epic";
import { IdSchema, lineOf } from "./common";

const KeyRequirementsSchema = z
  .array(z.string().trim().min(1).max(300, "A key requirement is at most 300 characters"))
  .max(30, "At most 30 key requirements");

export const EpicFieldsSchema = z.object({
  title: lineOf(
    z
      .string()
      .trim()
      .min(3, "Title needs at least 3 characters")
      .max(140, "Title is at most 140 characters"),
  ),
  description: z.string().max(20000, "Description is at most 20,000 characters").default(""),
  type: z.enum(EPIC_TYPES, { error: `Type is one of ${EPIC_TYPES.join(", ")}` }),
  priority: z.enum(PRIORITIES, { error: "Priority is high, medium or low" }),
  targetVersion: z
    .string()
    .trim()
    .max(40, "Target version is at most 40 characters")
    .regex(/^$|^v?\d+(\.\d+){0,2}([-+][\w.]+)?$/, "Target version looks like 1.4 or v2.0.1")
    .optional()
    .transform((v) => (v ? v : null)),
  keyRequirements: KeyRequirementsSchema.default([]),
});

export const CreateEpicSchema = EpicFieldsSchema.extend({ projectId: IdSchema });
export type CreateEpicInput = z.input<typeof CreateEpicSchema>;

export const UpdateEpicSchema = EpicFieldsSchema.extend({ id: IdSchema });
export type UpdateEpicInput = z.input<typeof UpdateEpicSchema>;

export const MoveEpicSchema = z.object({
  id: IdSchema,
  to: z.string().trim().min(1, "Choose a lane").max(40),
});
export type MoveEpicInput = z.infer<typeof MoveEpicSchema>;

export const TodoContentSchema = lineOf(
  z.string().trim().min(1, "A todo needs some text").max(500, "A todo is at most 500 characters"),
);

export const AddTodoSchema = z.object({
  epicId: IdSchema,
  content: TodoContentSchema,
  priority: z.enum(PRIORITIES).default("medium"),
  phase: z.string().trim().max(40).nullish(),
});
export type AddTodoInput = z.input<typeof AddTodoSchema>;

export const UpdateTodoSchema = z.object({
  id: IdSchema,
  content: TodoContentSchema.optional(),
  status: z.enum(TODO_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  phase: z.string().trim().max(40).nullish(),
});
export type UpdateTodoInput = z.input<typeof UpdateTodoSchema>;

export const ReorderTodosSchema = z.object({
  epicId: IdSchema,
  orderedIds: z.array(IdSchema).min(1).max(500),
});
export type ReorderTodosInput = z.infer<typeof ReorderTodosSchema>;

import { z } from "zod";
import { RunSummarySchema } from "./run";
import { EPIC_STATUSES, EPIC_TYPES, PRIORITIES, TODO_STATUSES } from "@/lib/domain/epic";

export const TodoSchema = z.object({
  id: z.string(),
  content: z.string(),
  status: z.enum(TODO_STATUSES),
  priority: z.enum(PRIORITIES),
  phase: z.string().nullable(),
  position: z.number().int(),
  source: z.string(),
});
export type Todo = z.infer<typeof TodoSchema>;

export const HistoryEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  data: z.unknown(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const EpicDetailSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  type: z.enum(EPIC_TYPES),
  priority: z.enum(PRIORITIES),
  targetVersion: z.string().nullable(),
  keyRequirements: z.array(z.string()),
  phase: z.string(),
  status: z.enum(EPIC_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  todos: z.array(TodoSchema),
  history: z.array(HistoryEntrySchema),
  runs: z.array(RunSummarySchema),
  branch: z.string().nullable(),
  lastGate: z
    .object({
      phase: z.string(),
      passed: z.boolean(),
      pending: z.boolean(),
      checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })),
    })
    .nullable(),
  worktreePath: z.string().nullable(),
});
export type EpicDetail = z.infer<typeof EpicDetailSchema>;

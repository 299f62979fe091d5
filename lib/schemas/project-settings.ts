import { z } from "zod";
import { AutomagikServerSchema } from "./project";

/** Names Hiveboard sets itself for every agent: a project cannot override them. */
const RESERVED = new Set(["PATH", "HOME", "USER", "LOGNAME", "SHELL"]);

export const VariableNameSchema = z
  .string({ error: "Name the variable, like NPM_TOKEN" })
  .trim()
  .min(1, "Name the variable, like NPM_TOKEN")
  .max(64, "A name is at most 64 characters")
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "A name is letters, digits and _, not starting with a digit, like NPM_TOKEN",
  )
  .refine((n) => !RESERVED.has(n), { message: "Hiveboard sets this one for every agent" })
  .refine((n) => !n.toUpperCase().startsWith("HIVEBOARD_"), {
    message: "HIVEBOARD_… names are Hiveboard's own (its MCP URL and key for the run)",
  });

const VariableValueSchema = z
  .string({ error: "value is text" })
  .max(8000, "A value is at most 8,000 characters");

/** One variable set (created or replaced) or removed. A secret's value is write-only. */
export const VariableChangeSchema = z
  .object({
    name: VariableNameSchema,
    value: VariableValueSchema.optional(),
    secret: z.boolean({ error: "secret is true or false" }).default(false),
    remove: z.boolean({ error: "remove is true or false" }).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.remove) return;
    if (v.value === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: "Give the value (or remove: true)",
      });
    else if (v.secret && v.value === "")
      ctx.addIssue({ code: "custom", path: ["value"], message: "Enter the secret's value" });
  });
export type VariableChange = z.output<typeof VariableChangeSchema>;

export const SetVariableSchema = z
  .object({ projectId: z.string().min(1).max(64) })
  .and(VariableChangeSchema);

/**
 * A project's settings in one write (REST PUT /projects/{slug}/settings): what is given changes,
 * what is left out stays. Variables not named are kept.
 */
export const ProjectSettingsBase = z.object({
  projectId: z.string().min(1).max(64),
  automagik: AutomagikServerSchema.omit({ projectId: true }).optional(),
  developersAnswerApprovals: z
    .boolean({ error: "developersAnswerApprovals is true or false" })
    .optional(),
  variables: z
    .array(VariableChangeSchema, { error: "variables is a list of {name, value, secret}" })
    .max(100, "At most 100 variables at once")
    .optional(),
});
export const ProjectSettingsSchema = ProjectSettingsBase.superRefine((s, ctx) => {
  const seen = new Set<string>();
  s.variables?.forEach((v, i) => {
    if (seen.has(v.name))
      ctx.addIssue({
        code: "custom",
        path: ["variables", i, "name"],
        message: `${v.name} is named twice`,
      });
    seen.add(v.name);
  });
});
export type ProjectSettingsInput = z.output<typeof ProjectSettingsSchema>;

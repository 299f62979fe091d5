import { z } from "zod";
import { parseRule, RULE_BEHAVIORS } from "@/lib/domain/permission-rules";

export const PermissionRuleInputSchema = z.object({
  projectId: z.string().min(1),
  rule: z
    .string()
    .trim()
    .min(1, "Write a rule, like Bash(npm test:*), Edit(src/**) or Read")
    .max(300, "A rule is at most 300 characters")
    .superRefine((rule, ctx) => {
      const parsed = parseRule(rule);
      if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
    }),
  behavior: z.enum(RULE_BEHAVIORS, { error: "Choose allow, deny or ask" }),
  /** Empty for the whole project. */
  phase: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Z0-9_]*$/, "A phase key, like BUILDER")
    .nullish()
    // Empty or absent: the whole project. (A zod default would skip the transform.)
    .transform((p) => p || null),
  epicId: z
    .string()
    .trim()
    .max(40)
    .nullish()
    .transform((e) => e || null),
  /** Or the epic by its number on the board (#12), as people know it. */
  epicNumber: z
    .union([
      z.literal(""),
      z.coerce
        .number({ error: "An epic number, like 12" })
        .int("An epic number, like 12")
        .positive("An epic number, like 12"),
    ])
    .transform((n) => (n === "" ? null : n))
    .optional(),
});
export type PermissionRuleInput = z.input<typeof PermissionRuleInputSchema>;

export const ApprovalSettingsSchema = z.object({
  projectId: z.string().min(1),
  developersAnswerApprovals: z.boolean({ error: "developersAnswerApprovals is true or false" }),
});

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
    .transform((p) => p || null)
    .default(""),
  epicId: z
    .string()
    .trim()
    .max(40)
    .transform((e) => e || null)
    .default(""),
});
export type PermissionRuleInput = z.input<typeof PermissionRuleInputSchema>;

export const ApprovalSettingsSchema = z.object({
  projectId: z.string().min(1),
  developersAnswerApprovals: z.boolean({ error: "developersAnswerApprovals is true or false" }),
});

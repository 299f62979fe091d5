import { z } from "zod";
import { FORGES } from "@/lib/domain/forge";
import { IdSchema } from "./common";

export const ForgeSettingsSchema = z
  .object({
    projectId: IdSchema,
    /** Where branches are pushed: https://…/repo.git (or empty to turn pushing off). */
    gitRemote: z
      .string()
      .trim()
      .max(500, "At most 500 characters")
      .refine((u) => u === "" || /^https?:\/\/[^\s]+$/.test(u), {
        message: "The repository's https URL, like https://github.com/acme/web.git",
      }),
    forge: z.enum(["", ...FORGES], { error: "forge is github or gitea" }).default(""),
    apiUrl: z
      .string()
      .trim()
      .max(500)
      .refine((u) => u === "" || /^https?:\/\/[^\s]+$/.test(u), {
        message: "The forge's API base, like https://gitea.example.com/api/v1",
      })
      .default(""),
    repo: z
      .string()
      .trim()
      .refine((r) => r === "" || /^[\w.-]+\/[\w.-]+$/.test(r), {
        message: "owner/name, like acme/web",
      })
      .default(""),
    token: z.string().trim().max(500, "At most 500 characters").default(""),
    clearToken: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (!v.forge) return;
    if (!v.gitRemote)
      ctx.addIssue({
        code: "custom",
        path: ["gitRemote"],
        message: "A forge needs the remote its branches are pushed to",
      });
    if (!v.repo)
      ctx.addIssue({ code: "custom", path: ["repo"], message: "Name the repository: owner/name" });
    if (v.forge === "gitea" && !v.apiUrl)
      ctx.addIssue({
        code: "custom",
        path: ["apiUrl"],
        message: "Gitea's API base, like https://gitea.example.com/api/v1",
      });
  });
export type ForgeSettingsInput = z.input<typeof ForgeSettingsSchema>;

export const EpicIdSchema = z.object({ epicId: IdSchema });

export const PullRequestViewSchema = z.object({
  number: z.number(),
  url: z.string(),
  state: z.enum(["open", "closed", "merged"]),
  headSha: z.string().nullable(),
  checks: z
    .object({
      state: z.enum(["success", "failure", "pending", "none"]),
      total: z.number(),
      failed: z.array(z.string()),
    })
    .nullable(),
  fixRuns: z.number(),
  syncedAt: z.string().nullable(),
});
export type PullRequestView = z.infer<typeof PullRequestViewSchema>;

import { z } from "zod";
import { COMMENT_STATUSES, MERGE_STRATEGIES, REVIEW_VERDICTS } from "@/lib/domain/review";
import { IdSchema } from "./common";

const ClientKey = z
  .string()
  .trim()
  .min(8, "clientKey needs at least 8 characters")
  .max(64, "clientKey is at most 64 characters");

/** A path inside the repository, as git names it: relative, no way out of it. */
const RepoPath = z
  .string()
  .trim()
  .min(1, "Name the file (its path in the repository)")
  .max(500, "A path is at most 500 characters")
  .refine(
    (p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\0"),
    "A path is relative to the repository, like src/app.ts",
  );

export const AddCommentSchema = z.object({
  epicId: IdSchema,
  /** The run whose diff it is written on; omit for the epic's whole branch. */
  runId: IdSchema.nullish().transform((r) => r || null),
  path: RepoPath,
  line: z
    .number({ error: "line is a line number" })
    .int("line is a whole number")
    .min(1, "Lines count from 1")
    .max(1_000_000, "line is too large"),
  body: z
    .string()
    .trim()
    .min(1, "Write the comment first")
    .max(4000, "A comment is at most 4,000 characters"),
});
export type AddCommentInput = z.input<typeof AddCommentSchema>;

export const SendCommentsSchema = z.object({
  epicId: IdSchema,
  /** The same key twice sends the comments once (a double click, a retried request). */
  clientKey: ClientKey,
  summary: z.string().trim().max(4000, "At most 4,000 characters").default(""),
});

export const ReviewSchema = z
  .object({
    epicId: IdSchema,
    verdict: z.enum(REVIEW_VERDICTS, { error: "verdict is approve or request_changes" }),
    body: z.string().trim().max(4000, "At most 4,000 characters").default(""),
    clientKey: ClientKey,
  })
  .strict();
export type ReviewInput = z.input<typeof ReviewSchema>;

export const MergeSchema = z.object({
  epicId: IdSchema,
  strategy: z
    .enum(MERGE_STRATEGIES, { error: "strategy is merge, squash or rebase" })
    .default("merge"),
  /** Only check: say whether it merges cleanly and which files conflict. */
  dryRun: z.boolean().default(false),
});
export type MergeInput = z.input<typeof MergeSchema>;

export const CommentViewSchema = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  path: z.string(),
  line: z.number(),
  quote: z.string(),
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  authorLabel: z.string(),
  mine: z.boolean(),
  sentRunId: z.string().nullable(),
  addressedRunId: z.string().nullable(),
  createdAt: z.string(),
});
export type CommentView = z.infer<typeof CommentViewSchema>;

export const ReviewViewSchema = z.object({
  id: z.string(),
  phase: z.string(),
  verdict: z.enum(REVIEW_VERDICTS),
  body: z.string(),
  authorLabel: z.string(),
  runId: z.string().nullable(),
  createdAt: z.string(),
});
export type ReviewView = z.infer<typeof ReviewViewSchema>;

/** Whether the epic's branch merges cleanly into the default branch. */
export const MergeCheckSchema = z.object({
  base: z.string(),
  branch: z.string(),
  /** Commits on the branch the default branch lacks, and the other way round. */
  ahead: z.number(),
  behind: z.number(),
  conflicts: z.array(z.string()),
});
export type MergeCheck = z.infer<typeof MergeCheckSchema>;

// What the browser checks the API's answers against. This module (and zod with it) is loaded on a
// page's first request, apart from its first JavaScript: import it only through `clientSchemas()`
// (fetch-json.ts) and its types with `import type`.
import { z } from "zod";
import { BoardSchema } from "@/lib/schemas/board";
import { DecisionSummarySchema } from "@/lib/schemas/decision";
import { EpicDetailSchema } from "@/lib/schemas/epic-detail";
import { PullRequestViewSchema } from "@/lib/schemas/forge";
import { CommentViewSchema, MergeCheckSchema, ReviewViewSchema } from "@/lib/schemas/review";
import { RunEventSchema } from "@/lib/schemas/run";
import { SearchHitSchema } from "@/lib/schemas/search";
import { TrialViewSchema } from "@/lib/schemas/trial";

export { BoardSchema, EpicDetailSchema, MergeCheckSchema, PullRequestViewSchema, TrialViewSchema };

export const DecisionListSchema = z
  .object({ decisions: z.array(DecisionSummarySchema) })
  .transform((d) => d.decisions);

export const EpicReviewSchema = z.object({
  comments: z.array(CommentViewSchema),
  reviews: z.array(ReviewViewSchema),
});
export type EpicReview = z.infer<typeof EpicReviewSchema>;

export type { SearchHit } from "@/lib/schemas/search";
export const SearchHitsSchema = z
  .object({ hits: z.array(SearchHitSchema) })
  .transform((d) => d.hits);

const PatternRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  usageCount: z.number(),
});
export type PatternRow = z.infer<typeof PatternRowSchema>;
export const PatternRowsSchema = z
  .object({ patterns: z.array(PatternRowSchema) })
  .transform((d) => d.patterns);

/** A page of a run's events above the window a run page holds (`?before=`). */
export const RunEventPageSchema = z.object({ events: z.array(RunEventSchema), more: z.boolean() });

import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { CommentViewSchema, ReviewViewSchema } from "@/lib/schemas/review";
import { checkMerge, mergeReady } from "@/lib/services/merge";
import { getEpicReview } from "@/lib/services/review-comments";
import { command, failure, query } from "../operation";

const Id = z.object({ id: z.string().max(64) });
const MergeCheckSchema = z.object({
  base: z.string(),
  branch: z.string(),
  ahead: z.number(),
  behind: z.number(),
  conflicts: z.array(z.string()),
});

export const reviewOps = {
  list: query({
    path: "/epics/{id}/comments",
    tag: "review",
    summary:
      "The epic's line comments (sent and addressed ones, and your own drafts) and its review verdicts",
    input: Id,
    output: z.object({ comments: z.array(CommentViewSchema), reviews: z.array(ReviewViewSchema) }),
    notFound: ["epic-not-found", "No epic with that id."],
    run: (actor, { id }) => getEpicReview(actor, id),
  }),
  add: command(ACTIONS.addComment, {
    method: "POST",
    path: "/epics/{id}/comments",
    tag: "review",
    summary:
      "Comment on a line of the epic's code (path, line as in the new side of the diff, body; runId for a run's diff): a draft until sent",
    status: 201,
    pathAs: { id: "epicId" },
  }),
  remove: command(ACTIONS.removeComment, {
    method: "DELETE",
    path: "/comments/{id}",
    tag: "review",
    summary: "Remove one of your comments not sent yet",
  }),
  send: command(ACTIONS.sendComments, {
    method: "POST",
    path: "/epics/{id}/comments/send",
    tag: "review",
    summary:
      "Send your draft comments to the agent as one message with each file, line and quoted code: into the running run, or as a follow-up run of its phase (clientKey makes it once)",
    pathAs: { id: "epicId" },
  }),
  review: command(ACTIONS.submitReview, {
    method: "POST",
    path: "/epics/{id}/review",
    tag: "review",
    summary:
      "Give a verdict: approve (settles a gate waiting on a review), or request_changes (your comments and words go to the agent)",
    status: 201,
    pathAs: { id: "epicId" },
  }),
  check: query({
    path: "/epics/{id}/merge",
    tag: "review",
    summary:
      "Whether the epic's branch merges cleanly into the default branch: commits ahead and behind, conflicting files",
    input: Id,
    output: MergeCheckSchema,
    run: async (_a, { id }) => {
      const found = await mergeReady(id);
      return found.ok ? checkMerge(found.ready) : failure(found);
    },
  }),
  merge: command(ACTIONS.mergeEpic, {
    method: "POST",
    path: "/epics/{id}/merge",
    tag: "review",
    summary:
      "Merge the epic's branch into the default branch (strategy merge, squash or rebase; dryRun to only check). Conflicts: 409 naming the files",
    pathAs: { id: "epicId" },
  }),
  resolve: command(ACTIONS.resolveConflicts, {
    method: "POST",
    path: "/epics/{id}/resolve-conflicts",
    tag: "review",
    summary:
      "Merge the default branch into the epic's worktree and start a run whose task is to resolve the conflicting files",
    status: 201,
  }),
};

import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { CommentViewSchema, MergeCheckSchema, ReviewViewSchema } from "@/lib/schemas/review";
import { checkMerge, mergeReady } from "@/lib/services/merge";
import { forgeSettingsOf, getPullRequest } from "@/lib/services/forge";
import { PullRequestViewSchema } from "@/lib/schemas/forge";
import { projectIdBySlug } from "@/lib/services/projects";
import { getEpicReview } from "@/lib/services/review-comments";
import { command, failure, query } from "../operation";

const Id = z.object({ id: z.string().max(64) });

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

  pullRequest: query({
    path: "/epics/{id}/pull-request",
    tag: "review",
    summary: "The epic's pull request as last read from its forge: state, checks, follow-ups used",
    input: Id,
    output: PullRequestViewSchema,
    notFound: ["no-pull-request", "This epic has no pull request."],
    run: (_a, { id }) => getPullRequest(id),
  }),
  openPullRequest: command(ACTIONS.openPullRequest, {
    method: "POST",
    path: "/epics/{id}/pull-request",
    tag: "review",
    summary:
      "Push the epic's branch to the project's remote and open its pull request (or update the one it has) with a description written from the epic",
    pathAs: { id: "epicId" },
  }),
  syncPullRequest: command(ACTIONS.syncPullRequest, {
    method: "POST",
    path: "/epics/{id}/pull-request/sync",
    tag: "review",
    summary:
      "Read the pull request back now (state, checks, reviews); failed checks and requested changes go to the agent as a follow-up run, at most 3",
    pathAs: { id: "epicId" },
  }),
  forge: query({
    path: "/projects/{slug}/forge",
    tag: "projects",
    summary: "The project's remote and forge (the token masked)",
    input: z.object({ slug: z.string().max(40) }),
    notFound: ["project-not-found", "No project with that slug."],
    run: async (_a, { slug }) => {
      const id = await projectIdBySlug(slug);
      return id ? forgeSettingsOf(id) : null;
    },
  }),
  setForge: command(ACTIONS.setForge, {
    method: "PUT",
    path: "/projects/{slug}/forge",
    tag: "projects",
    summary:
      "Set the project's remote and forge: gitRemote, forge (github or gitea), apiUrl, repo (owner/name), token (stored encrypted; empty keeps it)",
    input: z.object({ slug: z.string().max(40) }).passthrough(),
    resolve: async (raw: Record<string, unknown>) => {
      const { slug, ...rest } = raw;
      const projectId = await projectIdBySlug(String(slug ?? ""));
      if (!projectId)
        return {
          ok: false as const,
          code: "project-not-found",
          message: "No project with that slug.",
        };
      return { ...rest, projectId };
    },
  }),
};

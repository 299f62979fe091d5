import "server-only";
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ACTIONS } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import type { Actor } from "@/lib/auth/actor";
import { diffFiles, pathOf } from "@/lib/domain/diff";
import { epicDiffSource, runDiffSource, unifiedDiff } from "@/lib/services/run-diff";
import { denied, err, fromResult, ok } from "./result";

const key = z.string().optional().describe("8 to 64 characters: the same key twice acts once");
const newKey = () => `mcp-${crypto.randomUUID()}`;

/** Review: read a diff, comment on lines, send the comments, give a verdict, merge. Each through the action catalog. */
export function registerReviewTools(server: McpServer, actor: Actor) {
  server.registerTool(
    "get_diff",
    {
      description:
        "What a run changed (run_id), or the epic's whole branch against the default branch (epic_id): the unified diff and its files with +/- counts.",
      inputSchema: {
        run_id: z.string().max(64).optional(),
        epic_id: z.string().max(64).optional(),
      },
    },
    async (args) => {
      const runId = args.run_id ?? (args.epic_id ? undefined : (actor.runId ?? undefined));
      const no = denied(actor, "board:read", { runKeyMay: Boolean(runId), runId });
      if (no) return no;
      const found = runId
        ? await runDiffSource(runId)
        : args.epic_id
          ? await epicDiffSource(args.epic_id)
          : null;
      if (!found) return err("Give run_id or epic_id.");
      if (!found.ok) return err(found.message);
      const diff = await unifiedDiff(found.source);
      return ok({
        files: diffFiles(diff).map((f) => ({
          path: pathOf(f),
          type: f.type,
          added: f.added,
          removed: f.removed,
          binary: f.binary,
        })),
        diff: diff.slice(0, 200_000),
        truncated: diff.length > 200_000,
      });
    },
  );

  server.registerTool(
    "comment_on_line",
    {
      description:
        "Comment on a line of the epic's code for its agent (the line as numbered in the new side of the diff). A draft until send_comments.",
      inputSchema: {
        epic_id: z.string().max(64),
        path: z.string().describe("The file's path in the repository, like src/app.ts"),
        line: z.number().describe("From 1"),
        body: z.string().describe("What the agent should change there"),
        run_id: z.string().max(64).optional().describe("The run whose diff it is on"),
      },
    },
    async (args) =>
      fromResult(
        await runActionAs(ACTIONS.addComment, actor, {
          epicId: args.epic_id,
          runId: args.run_id,
          path: args.path,
          line: args.line,
          body: args.body,
        }),
      ),
  );

  server.registerTool(
    "send_comments",
    {
      description:
        "Send your draft line comments on the epic to its agent as one message (into the running run, or as a follow-up run of its phase).",
      inputSchema: {
        epic_id: z.string().max(64),
        summary: z.string().optional().describe("Words that go before the comments"),
        client_key: key,
      },
    },
    async (args) =>
      fromResult(
        await runActionAs(ACTIONS.sendComments, actor, {
          epicId: args.epic_id,
          summary: args.summary,
          clientKey: args.client_key ?? newKey(),
        }),
      ),
  );

  server.registerTool(
    "review_epic",
    {
      description:
        "Give the epic's work a verdict: approve (settles a gate waiting on a review) or request_changes (your draft comments and words go to the agent).",
      inputSchema: {
        epic_id: z.string().max(64),
        verdict: z.string().describe("approve | request_changes"),
        body: z.string().optional(),
        client_key: key,
      },
    },
    async (args) =>
      fromResult(
        await runActionAs(ACTIONS.submitReview, actor, {
          epicId: args.epic_id,
          verdict: args.verdict,
          body: args.body,
          clientKey: args.client_key ?? newKey(),
        }),
      ),
  );

  server.registerTool(
    "merge_epic",
    {
      description:
        "Merge the epic's branch into the default branch (strategy merge, squash or rebase); dry_run only checks and lists conflicting files.",
      inputSchema: {
        epic_id: z.string().max(64),
        strategy: z.string().optional().describe("merge | squash | rebase (merge when left out)"),
        dry_run: z.boolean().optional(),
      },
    },
    async (args) =>
      fromResult(
        await runActionAs(ACTIONS.mergeEpic, actor, {
          epicId: args.epic_id,
          strategy: args.strategy,
          dryRun: args.dry_run,
        }),
      ),
  );

  server.registerTool(
    "resolve_conflicts",
    {
      description:
        "Merge the default branch into the epic's worktree and start a run whose task is to resolve the conflicting files.",
      inputSchema: { epic_id: z.string().max(64) },
    },
    async (args) =>
      fromResult(await runActionAs(ACTIONS.resolveConflicts, actor, { id: args.epic_id })),
  );

  server.registerTool(
    "open_pull_request",
    {
      description:
        "Push the epic's branch to the project's remote and open its pull request (or update the one it has), described from the epic.",
      inputSchema: { epic_id: z.string().max(64) },
    },
    async (args) =>
      fromResult(await runActionAs(ACTIONS.openPullRequest, actor, { epicId: args.epic_id })),
  );

  server.registerTool(
    "sync_pull_request",
    {
      description:
        "Read the epic's pull request back now: state and checks; failed checks and requested changes go to the agent as a follow-up run (at most 3).",
      inputSchema: { epic_id: z.string().max(64) },
    },
    async (args) =>
      fromResult(await runActionAs(ACTIONS.syncPullRequest, actor, { epicId: args.epic_id })),
  );
}

import "server-only";
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import { touchesLine, type CommentStatus, type ReviewVerdict } from "@/lib/domain/review";
import type { ActionResult } from "@/lib/schemas/common";
import type { AddCommentSchema, CommentView, ReviewView } from "@/lib/schemas/review";
import { commitChange, fail } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";
import { headOf } from "./run-diff";
import { git, isGitRepository } from "./worktrees";

// Line comments on an epic's code: written as drafts on a line of a run's diff (or the branch's),
// with the quoted code and the commit the line number refers to; sent together to the agent
// (run-engine/review.ts); marked addressed when a later run changes the line.

type Where = { cwd: string; commit: string | null; content: string | null };

/** The file as the comment's line number means it: at the run's end commit, or in the worktree now. */
async function fileAt(
  epic: { id: string; worktreePath: string | null },
  runId: string | null,
  file: string,
): Promise<Where | { missing: string }> {
  const run = runId ? await getDb().run.findFirst({ where: { id: runId, epicId: epic.id } }) : null;
  if (runId && !run) return { missing: "That run is not one of this epic's runs." };
  const cwd = run?.worktreePath ?? epic.worktreePath;
  if (!cwd || !(await isGitRepository(cwd)))
    return {
      missing: "This epic has no git worktree to comment on: its runs worked outside a repository.",
    };
  if (run?.endCommit) {
    const content = await git(cwd, ["show", `${run.endCommit}:${file}`]).catch(() => null);
    return { cwd, commit: run.endCommit, content };
  }
  const root = await realpath(cwd);
  const full = await realpath(path.join(root, file)).catch(() => null);
  const inside = full !== null && full.startsWith(root + path.sep);
  const content = inside ? await readFile(full, "utf8").catch(() => null) : null;
  return { cwd, commit: await headOf(cwd), content };
}

export async function addComment(
  actor: Actor,
  input: z.output<typeof AddCommentSchema>,
): Promise<ActionResult<{ id: string; status: CommentStatus }>> {
  const epic = await findLiveEpic(getDb(), input.epicId);
  if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
  const where = await fileAt(epic, input.runId, input.path);
  if ("missing" in where) return fail("diff-unavailable", where.missing);
  if (where.content === null)
    return fail("invalid-input", `No file ${input.path} in this change.`, {
      path: `No file ${input.path} here: comment on a file of the diff`,
    });
  const lines = where.content.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (input.line > lines.length)
    return fail("invalid-input", `${input.path} has ${lines.length} lines.`, {
      line: `Line ${input.line} is past the end of ${input.path} (${lines.length} lines)`,
    });
  return commitChange(actor, async (tx) => {
    const comment = await tx.reviewComment.create({
      data: {
        projectId: epic.projectId,
        epicId: epic.id,
        runId: input.runId,
        path: input.path,
        line: input.line,
        quote: lines[input.line - 1].slice(0, 500),
        commit: where.commit,
        body: input.body,
        authorId: actor.id,
        authorLabel: actor.label,
      },
    });
    return {
      ok: true,
      value: { id: comment.id, status: "draft" as const },
      audit: {
        action: "review.comment",
        objectType: "epic",
        objectId: epic.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { commentId: comment.id, path: input.path, line: input.line },
      },
    };
  });
}

/** Removes one of the caller's comments that has not been sent yet. */
export async function removeComment(
  actor: Actor,
  input: { id: string },
): Promise<ActionResult<{ id: string }>> {
  return commitChange(actor, async (tx) => {
    const c = await tx.reviewComment.findUnique({ where: { id: input.id } });
    if (!c || c.authorId !== actor.id)
      return fail("comment-not-found", "No draft comment of yours with that id.");
    if (c.status !== "draft")
      return fail("comment-sent", "This comment has been sent to the agent: it stays on record.");
    await tx.reviewComment.delete({ where: { id: c.id } });
    return {
      ok: true,
      value: { id: c.id },
      audit: {
        action: "review.comment_remove",
        objectType: "epic",
        objectId: c.epicId,
        projectId: c.projectId,
        epicId: c.epicId,
        data: { commentId: c.id },
      },
    };
  });
}

/** The epic's comments (drafts only the caller's own) and review verdicts, newest verdict first. */
export async function getEpicReview(
  actor: Actor,
  epicId: string,
): Promise<{ comments: CommentView[]; reviews: ReviewView[] } | null> {
  const db = getDb();
  const epic = await findLiveEpic(db, epicId);
  if (!epic) return null;
  const [comments, reviews] = await Promise.all([
    db.reviewComment.findMany({
      where: { epicId, OR: [{ status: { not: "draft" } }, { authorId: actor.id ?? "-" }] },
      orderBy: [{ createdAt: "asc" }],
    }),
    db.review.findMany({ where: { epicId }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  return {
    comments: comments.map((c) => ({
      id: c.id,
      runId: c.runId,
      path: c.path,
      line: c.line,
      quote: c.quote,
      body: c.body,
      status: c.status as CommentStatus,
      authorLabel: c.authorLabel,
      mine: c.authorId !== null && c.authorId === actor.id,
      sentRunId: c.sentRunId,
      addressedRunId: c.addressedRunId,
      createdAt: c.createdAt.toISOString(),
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      phase: r.phase,
      verdict: r.verdict as ReviewVerdict,
      body: r.body,
      authorLabel: r.authorLabel,
      runId: r.runId,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * A run ended at `endCommit`: each comment sent before it started (or to it) whose line that
 * run's work changed since the comment's commit is addressed. Returns how many it marked.
 */
export async function markAddressed(
  runId: string,
  cwd: string,
  endCommit: string,
): Promise<number> {
  const db = getDb();
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return 0;
  const sent = await db.reviewComment.findMany({
    where: {
      epicId: run.epicId,
      status: "sent",
      OR: [{ sentRunId: run.id }, { sentAt: { lte: run.createdAt } }],
    },
  });
  let marked = 0;
  for (const c of sent) {
    if (!c.commit || c.commit === endCommit) continue;
    const diff = await git(cwd, ["diff", "-U0", "--no-color", c.commit, endCommit, "--", c.path])
      .then((d) => d)
      .catch(() => "");
    if (!touchesLine(diff, c.line)) continue;
    const done = await db.reviewComment.updateMany({
      where: { id: c.id, status: "sent" },
      data: { status: "addressed", addressedRunId: run.id, addressedAt: new Date() },
    });
    marked += done.count;
  }
  return marked;
}

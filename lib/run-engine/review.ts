import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { findLiveEpic, getCard } from "@/lib/db/epics";
import { activeRunOf, latestRunOf } from "@/lib/db/runs";
import { conflictTask, reviewMessage } from "@/lib/domain/review";
import { publishBoardChange } from "@/lib/realtime/publish";
import type { ActionResult } from "@/lib/schemas/common";
import type { ReviewSchema, SendCommentsSchema } from "@/lib/schemas/review";
import { fail } from "@/lib/services/commit-change";
import { EPIC_NOT_FOUND } from "@/lib/services/epics";
import { mergeReady, unfinishedWork } from "@/lib/services/merge";
import { headOf } from "@/lib/services/run-diff";
import { git } from "@/lib/services/worktrees";
import { sendFeedback } from "./commands";
import { settleGateCheck } from "./gates";
import { startRun } from "./start";

// Review reaches the agent: line comments gathered into one feedback message (into the running
// run, or a follow-up of the phase), verdicts that settle a gate waiting on a review, and a run
// that resolves the conflicts merging the default branch left in the epic's worktree.

type Sent = { feedbackId: string; runId: string; sent: number; duplicate: boolean };

/** The run the comments go to: the one running, else the latest one they were written on, else the epic's latest. */
async function targetRun(epicId: string, runIds: (string | null)[]) {
  const db = getDb();
  const active = await activeRunOf(db, epicId);
  if (active) return active;
  return latestRunOf(
    db,
    epicId,
    runIds.filter((r): r is string => r !== null),
  );
}

/** Sends the caller's draft comments on the epic to its agent as one message. Idempotent by clientKey. */
export async function sendReviewComments(
  actor: Actor,
  input: z.output<typeof SendCommentsSchema>,
): Promise<ActionResult<Sent>> {
  const db = getDb();
  const epic = await findLiveEpic(db, input.epicId);
  if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
  const drafts = await db.reviewComment.findMany({
    where: { epicId: epic.id, status: "draft", authorId: actor.id ?? "-" },
    orderBy: { createdAt: "asc" },
  });
  if (!drafts.length) {
    const earlier = await db.feedback.findFirst({
      where: { clientKey: input.clientKey, run: { epicId: epic.id } },
    });
    if (earlier) {
      const sent = await db.reviewComment.count({ where: { feedbackId: earlier.id } });
      return {
        ok: true,
        data: { feedbackId: earlier.id, runId: earlier.runId, sent, duplicate: true },
      };
    }
    if (!input.summary)
      return fail(
        "no-comments",
        "There are no comments of yours to send: comment on a line first.",
      );
  }
  const run = await targetRun(
    epic.id,
    drafts.map((d) => d.runId),
  );
  if (!run)
    return fail("no-run", "This epic has had no run to send comments to: start its phase first.");
  const message = drafts.length
    ? reviewMessage(drafts, { by: actor.label, summary: input.summary || undefined })
    : input.summary;
  const sent = await sendFeedback(actor, {
    runId: run.id,
    message: message.slice(0, 4000),
    mode: "send",
    clientKey: input.clientKey,
  });
  if (!sent.ok) return sent;
  const ids = drafts.map((d) => d.id);
  await db.reviewComment.updateMany({
    where: { id: { in: ids }, status: "draft" },
    data: {
      status: "sent",
      sentAt: new Date(),
      sentRunId: sent.data.runId,
      feedbackId: sent.data.feedbackId,
    },
  });
  return {
    ok: true,
    data: {
      feedbackId: sent.data.feedbackId,
      runId: sent.data.runId,
      sent: ids.length,
      duplicate: sent.data.duplicate,
    },
  };
}

type Reviewed = { reviewId: string; verdict: string; movedTo: string | null; sentTo: Sent | null };

/**
 * Approve, or request changes (the caller's comments and the verdict's words go to the agent).
 * A gate waiting on a review of the epic's phase is settled by it.
 */
export async function submitReview(
  actor: Actor,
  input: z.output<typeof ReviewSchema>,
): Promise<ActionResult<Reviewed>> {
  const db = getDb();
  const epic = await findLiveEpic(db, input.epicId);
  if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
  const repeated = () =>
    db.review.findFirst({ where: { epicId: epic.id, clientKey: input.clientKey } });
  const repeatOf = (r: { id: string; verdict: string }) => ({
    ok: true as const,
    data: { reviewId: r.id, verdict: r.verdict, movedTo: null, sentTo: null },
  });
  const earlier = await repeated();
  if (earlier) return repeatOf(earlier);
  const lastRun = await latestRunOf(db, epic.id);
  const phase = lastRun?.phase ?? epic.phase;
  const commit = epic.worktreePath ? await headOf(epic.worktreePath) : null;
  const review = await db
    .$transaction(async (tx) => {
      const r = await tx.review.create({
        data: {
          clientKey: input.clientKey,
          projectId: epic.projectId,
          epicId: epic.id,
          phase,
          verdict: input.verdict,
          body: input.body,
          commit,
          authorId: actor.id,
          authorLabel: actor.label,
        },
      });
      const seq = await recordAudit(tx, actor, {
        action: "review.verdict",
        objectType: "epic",
        objectId: epic.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { reviewId: r.id, verdict: input.verdict, phase },
      });
      return { r, seq };
    })
    .catch(async (error) => {
      // The same key raced in twice: the first one won.
      if ((error as { code?: string }).code !== "P2002") throw error;
      return null;
    });
  if (!review) return repeatOf((await repeated())!);
  let sentTo: Sent | null = null;
  if (input.verdict === "request_changes") {
    const sent = await sendReviewComments(actor, {
      epicId: epic.id,
      clientKey: input.clientKey,
      summary: `Changes requested by ${actor.label}${input.body ? `: ${input.body}` : "."}`,
    });
    if (sent.ok) sentTo = sent.data;
  }
  const gate = epic.lastGate as {
    pending?: boolean;
    phase?: string;
    checks?: { name: string }[];
  } | null;
  const waitsOnReview =
    gate?.pending &&
    gate.phase === epic.phase &&
    gate.checks?.some((c) => c.name === "Review approved");
  const movedTo = waitsOnReview
    ? await settleGateCheck(
        { epicId: epic.id, projectId: epic.projectId, phase: epic.phase },
        input.verdict === "approve"
          ? { name: "Review approved", passed: true, detail: `Approved by ${actor.label}.` }
          : {
              name: "Review approved",
              passed: false,
              detail: `Changes requested by ${actor.label}${input.body ? `: ${input.body}` : "."}`,
            },
      )
    : null;
  publishBoardChange({
    v: 1,
    seq: review.seq,
    projectId: epic.projectId,
    type: "epic:updated",
    epicId: epic.id,
    card: await getCard(db, epic.id),
    actor: actor.label,
  });
  return { ok: true, data: { reviewId: review.r.id, verdict: input.verdict, movedTo, sentTo } };
}

/**
 * Merges the default branch into the epic's worktree, leaving the conflicts in it, and starts a
 * run (of the phase the epic last ran) whose task is to resolve them; the run's checkpoint
 * concludes the merge. A merge already left unfinished is handed to the run as it is.
 */
export async function resolveConflicts(
  actor: Actor,
  input: { id: string },
): Promise<ActionResult<{ runId: string; conflicts: string[] }>> {
  const found = await mergeReady(input.id);
  if (!found.ok) return found;
  const { ready } = found;
  const db = getDb();
  if (await activeRunOf(db, ready.epic.id))
    return fail("run-in-progress", "A run of this epic is going on: wait for it to end.");
  const wt = ready.worktree;
  const merging = (
    await git(wt, ["rev-parse", "-q", "--verify", "MERGE_HEAD"]).catch(() => "")
  ).trim();
  if (!merging) {
    const dirty = await unfinishedWork(wt);
    if (dirty) return fail("worktree-dirty", dirty);
    try {
      await git(wt, ["merge", "--no-ff", "--no-commit", "-q", ready.base]);
    } catch {
      /* conflicts: git stops with them in the worktree */
    }
  }
  const conflicts = [
    ...new Set(
      (await git(wt, ["diff", "--name-only", "--diff-filter=U"])).split("\n").filter(Boolean),
    ),
  ].sort();
  if (!conflicts.length) {
    await git(wt, ["merge", "--abort"]).catch(() => undefined);
    return fail(
      "no-conflicts",
      `${ready.branch} merges into ${ready.base} without conflicts: merge it.`,
    );
  }
  const last = await latestRunOf(db, ready.epic.id);
  const started = await startRun(actor, {
    epicId: ready.epic.id,
    phase: last?.phase,
    parentRunId: last?.id ?? null,
    prompt: conflictTask(ready.base, ready.branch, conflicts),
    resumeSessionId: null,
  });
  if (!started.ok) {
    if (!merging) await git(wt, ["merge", "--abort"]).catch(() => undefined);
    return started;
  }
  return { ok: true, data: { runId: started.data.runId, conflicts } };
}

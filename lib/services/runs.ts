import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import { activeRunOf, failRunWithoutAgent } from "@/lib/db/runs";
import { DONE_LANE, phaseAfter } from "@/lib/domain/phases";
import { advanceAutomatically } from "./run-gates";
import { isActiveRun } from "@/lib/domain/run-status";
import { effectiveRunner } from "@/lib/runners";
import type { ActionResult } from "@/lib/schemas/common";
import type { ApprovalAnswerSchema, FeedbackInputSchema } from "@/lib/schemas/run";
import type { z } from "zod";
import { commitChange, fail } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";
import { GATE_OPTIONS } from "@/lib/domain/decisions";
import { announceDecision, answerDecision, insertDecision } from "./decisions";
import { acceptFeedback, launchRun, leaseFromNow, liveRuns, NODE_ID, stopRun } from "./run-supervisor";
import { forwardControl } from "./run-control";
import { dispatchRun, launchesHere } from "./run-dispatch";
import { removeWorktree } from "./worktrees";
import { claimRun } from "./run-leases";
import { recordPatternUse } from "./patterns";

const RUN_NOT_FOUND = "This run does not exist.";

/** Queues a run of the epic's current phase and hands it to the supervisor. */
type FollowUpFeedback = { clientKey: string; message: string; mode: string };

export async function startRun(
  actor: Actor,
  input: { epicId: string; phase?: string; parentRunId?: string | null; prompt?: string; resumeSessionId?: string | null; feedback?: FollowUpFeedback; patternIds?: string[]; maxTurns?: number; timeoutSec?: number },
) {
  const held: { gate?: { decision: { id: string; projectId: string; epicId: string | null; status: string; title: string }; seq: number } } = {};
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    // A follow-up continues its parent's phase, wherever the card has moved since.
    const phaseKey = input.phase ?? epic.phase;
    if (phaseKey === DONE_LANE) return fail("epic-done", "This epic is done: move it back to a phase to run that phase again.");
    if (await activeRunOf(tx, epic.id)) return fail("run-in-progress", "A run of this epic is already in progress.");
    const phase = await tx.phase.findFirst({ where: { pipeline: { projectId: epic.projectId }, key: phaseKey } });
    if (!phase) return fail("phase-not-found", `The pipeline has no phase ${phaseKey}.`);
    const picked = [...new Set(input.patternIds ?? [])];
    if (picked.length && (await tx.pattern.count({ where: { id: { in: picked } } })) !== picked.length) {
      return fail("pattern-not-found", "A picked pattern does not exist (it may have been deleted): pick again.", { patternIds: "Unknown pattern" });
    }
    // An approval gate: the run waits, queued, for a person's go (a decision) before it starts.
    const gated = phase.approvalRequired && !input.parentRunId;
    const resume = input.resumeSessionId !== undefined ? input.resumeSessionId : phase.continueSession ? epic.sessionId : null;
    const run = await tx.run.create({
      data: {
        // Launched here: this node holds the run from the start (no other node's sweep takes it
        // while it launches). Queued, or gated until its approval: held by nobody until taken.
        ...(gated || !launchesHere() ? {} : { ownerId: NODE_ID, leaseUntil: leaseFromNow() }),
        // What a person watching it sees until an agent starts.
        currentAction: gated ? "Waiting for approval to start" : launchesHere() ? "Starting the agent" : "Waiting for a node with room",
        // Whichever node launches it starts it the same way.
        prompt: input.prompt ?? null,
        resumeFrom: resume,
        projectId: epic.projectId,
        epicId: epic.id,
        phase: phaseKey,
        runner: effectiveRunner(phase.runner),
        workflow: phase.workflow,
        maxTurns: input.maxTurns ?? phase.maxTurns,
        timeoutSec: input.timeoutSec ?? phase.timeoutSec,
        parentRunId: input.parentRunId ?? null,
        startedById: actor.id,
      },
    });
    await tx.epic.update({ where: { id: epic.id }, data: { status: "running" } });
    for (const patternId of picked) await recordPatternUse(tx, run, patternId);
    if (gated) {
      const { decision, seq } = await insertDecision(tx, actor, {
        projectId: epic.projectId,
        epicId: epic.id,
        runId: run.id,
        source: "gate",
        title: `Start ${phaseKey} for #${epic.number} “${epic.title}”?`,
        context: `The ${phase.name} phase needs an approval before it runs.`,
        options: GATE_OPTIONS,
        impact: phaseKey === "DEPLOYER" ? "The agent prepares and runs the deployment." : `The agent starts the ${phase.name} phase.`,
        urgency: "normal",
        answerRole: "approver",
      });
      held.gate = { decision, seq };
      await tx.epic.update({ where: { id: epic.id }, data: { status: "waiting" } });
    }
    if (input.feedback) {
      // A message to an ended run becomes the follow-up's prompt: delivered as it starts.
      await tx.feedback.create({ data: { ...input.feedback, runId: run.id, authorId: actor.id, authorLabel: actor.label, status: "delivered", deliveredAt: new Date() } });
    }
    return {
      ok: true,
      value: { runId: run.id },
      audit: { action: "run.start", objectType: "run", objectId: run.id, projectId: epic.projectId, epicId: epic.id, data: { phase: phaseKey, runner: run.runner } },
      board: { type: "epic:updated", epicId: epic.id },
    };
  });
  if (!result.ok) return result;
  if (held.gate) {
    await announceDecision(held.gate.decision, held.gate.seq, actor.label);
    return { ok: true as const, data: { runId: result.data.runId, gated: true } };
  }
  // The queue, a worker's sweep or this node's supervisor owns the agent from here; the caller only asked.
  await dispatchRun(result.data.runId, { held: launchesHere() });
  return { ok: true as const, data: { runId: result.data.runId, gated: false } };
}

/** The gate's answer: approve launches the queued run; reject ends it, saying who and why. */
export async function resolveGate(runId: string, approved: boolean, by: string, comment: string): Promise<void> {
  const db = getDb();
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return;
  if (run.status !== "queued") return resolveEndGate(run, approved, by, comment);
  if (approved) {
    await db.epic.update({ where: { id: run.epicId }, data: { status: "running" } });
    await dispatchRun(run.id, { note: `Approved at the gate by ${by}` });
    return;
  }
  const reason = `Rejected at the gate by ${by}${comment ? `: ${comment}` : "."}`;
  await failRunWithoutAgent(db, run, reason, "idle");
}

type FeedbackOk = { feedbackId: string; runId: string; status: string; duplicate: boolean };

/**
 * Injects a message into a running agent at its next step, or, when the run has ended,
 * continues the agent's session as a follow-up run of the same phase. Idempotent by clientKey.
 */
export async function sendFeedback(actor: Actor, input: z.output<typeof FeedbackInputSchema>): Promise<ActionResult<FeedbackOk>> {
  const db = getDb();
  const repeat = await db.feedback.findFirst({ where: { clientKey: input.clientKey, run: { OR: [{ id: input.runId }, { parentRunId: input.runId }] } } });
  if (repeat) return { ok: true, data: { feedbackId: repeat.id, runId: repeat.runId, status: repeat.status, duplicate: true } };
  const run = await db.run.findUnique({ where: { id: input.runId } });
  if (!run) return fail("run-not-found", RUN_NOT_FOUND);

  if (!isActiveRun(run.status)) {
    const feedback = { clientKey: input.clientKey, message: input.message, mode: input.mode };
    const followUp = await startRun(actor, { epicId: run.epicId, phase: run.phase, parentRunId: run.id, prompt: input.message, resumeSessionId: run.sessionId, feedback });
    if (!followUp.ok) {
      const raced = await db.feedback.findFirst({ where: { clientKey: input.clientKey, run: { parentRunId: input.runId } } });
      return raced ? { ok: true, data: { feedbackId: raced.id, runId: raced.runId, status: raced.status, duplicate: true } } : followUp;
    }
    const created = await db.feedback.findFirstOrThrow({ where: { runId: followUp.data.runId, clientKey: input.clientKey } });
    return { ok: true, data: { feedbackId: created.id, runId: followUp.data.runId, status: created.status, duplicate: false } };
  }
  const target = run.id;
  let feedback;
  try {
    feedback = await db.feedback.create({
      data: { runId: target, clientKey: input.clientKey, message: input.message, mode: input.mode, authorId: actor.id, authorLabel: actor.label },
    });
  } catch (error) {
    // The same key raced in twice: the first one won, this one is the repeat.
    // By code, not class: the Prisma client may come from server.ts's copy of the module.
    if ((error as { code?: unknown } | null)?.code === "P2002") {
      const first = await db.feedback.findFirstOrThrow({ where: { runId: target, clientKey: input.clientKey } });
      return { ok: true, data: { feedbackId: first.id, runId: target, status: first.status, duplicate: true } };
    }
    throw error;
  }
  // Here, or on the node that holds the run (it also delivers what is queued when it launches).
  const f = { id: feedback.id, message: feedback.message, mode: feedback.mode, author: actor.label };
  if (!acceptFeedback(target, f)) forwardControl({ op: "feedback", runId: target, feedback: f });
  return { ok: true, data: { feedbackId: feedback.id, runId: target, status: feedback.status, duplicate: false } };
}

/**
 * Stop (interrupt, then kill after a grace) or kill a run, wherever it is. The request is written
 * on the run first, so the node holding the agent applies it even if the message is lost, and a
 * node that launches it later ends it at once. A run nobody holds yet ends here.
 */
export async function controlRun(_actor: Actor, input: { runId: string }, how: "stop" | "kill"): Promise<ActionResult<{ runId: string }>> {
  const db = getDb();
  const run = await db.run.findUnique({ where: { id: input.runId }, select: { id: true, status: true, ownerId: true } });
  if (!run) return fail("run-not-found", RUN_NOT_FOUND);
  if (!isActiveRun(run.status)) return fail("run-ended", "This run has already ended.");
  // A kill stands over a stop; a stop does not soften a kill.
  await db.run.updateMany({ where: { id: run.id, status: { in: ["queued", "running", "waiting"] }, ...(how === "stop" ? { stopRequested: null } : {}) }, data: { stopRequested: how } });
  // Here, or launching here (the launch applies it): stop it here.
  if (liveRuns.has(run.id) || run.ownerId === NODE_ID) stopRun(run.id, "user", how === "kill");
  else if (await claimRun(run.id)) void launchRun(run.id).catch((e) => console.error(`run ${run.id} could not be stopped`, e));
  else forwardControl({ op: "stop", runId: run.id, hard: how === "kill" });
  return { ok: true, data: { runId: run.id } };
}

/** A tool approval is a decision: answering it here answers that decision, once, for everyone. */
export async function answerRunApproval(actor: Actor, input: z.output<typeof ApprovalAnswerSchema>): Promise<ActionResult<{ runId: string }>> {
  const decision = await getDb().decision.findFirst({ where: { runId: input.runId, requestId: input.requestId, status: "open" } });
  if (!decision) return fail("approval-not-pending", "This request is no longer waiting for an answer.");
  const r = await answerDecision(actor, { decisionId: decision.id, option: input.behavior, comment: input.message, clientKey: `approval-${input.requestId}-${actor.id ?? "anon"}` });
  return r.ok ? { ok: true, data: { runId: input.runId } } : r;
}

/** Removes the epic's git worktree (its branch stays); the next run makes a new one. */
export function removeEpicWorktree(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.id);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    if (!epic.worktreePath) return fail("no-worktree", "This epic has no worktree to remove.");
    if (await activeRunOf(tx, epic.id)) return fail("run-in-progress", "A run is using this worktree: stop it first.");
    const project = await tx.project.findUniqueOrThrow({ where: { id: epic.projectId } });
    try {
      await removeWorktree(project.repo, epic.worktreePath);
    } catch (error) {
      return fail("worktree-remove-failed", `Git could not remove the worktree: ${error instanceof Error ? error.message : String(error)}`);
    }
    await tx.epic.update({ where: { id: epic.id }, data: { worktreePath: null } });
    return {
      ok: true,
      value: { id: epic.id },
      audit: { action: "epic.worktree_remove", objectType: "epic", objectId: epic.id, projectId: epic.projectId, epicId: epic.id, data: { path: epic.worktreePath, branch: epic.branch } },
      board: { type: "epic:updated", epicId: epic.id },
    };
  });
}

/** A gate's approval after its run: approve moves the card on (and auto-advances); reject keeps it. */
async function resolveEndGate(run: { id: string; epicId: string; projectId: string; phase: string }, approved: boolean, by: string, comment: string) {
  const db = getDb();
  const epic = await db.epic.findUniqueOrThrow({ where: { id: run.epicId } });
  if (epic.phase !== run.phase) return;
  const last = (epic.lastGate ?? {}) as { checks?: { name: string; passed: boolean; detail: string }[] };
  const checks = [...(last.checks ?? []).filter((c) => c.name !== "Approved"), { name: "Approved", passed: approved, detail: approved ? `Approved by ${by}.` : `Rejected by ${by}${comment ? `: ${comment}` : "."}` }];
  const next = approved ? phaseAfter((await db.phase.findMany({ where: { pipeline: { projectId: run.projectId } }, orderBy: { position: "asc" } })).map((p) => p.key), run.phase) : null;
  const autoAdvance = (await db.phase.findFirst({ where: { pipeline: { projectId: run.projectId }, key: run.phase } }))?.autoAdvance ?? false;
  await db.epic.update({
    where: { id: epic.id },
    data: { status: next === DONE_LANE ? "done" : "idle", ...(next ? { phase: next } : {}), lastGate: { ...last, checks, passed: approved, pending: false, phase: run.phase, at: new Date().toISOString() } },
  });
  if (next && next !== DONE_LANE && autoAdvance) await advanceAutomatically(epic.id);
}

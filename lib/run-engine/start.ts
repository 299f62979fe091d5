import "server-only";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import { activeRunOf, failRunWithoutAgent } from "@/lib/db/runs";
import { DONE_LANE } from "@/lib/domain/phases";
import { runPlan } from "@/lib/runners";
import { commitChange, fail } from "@/lib/services/commit-change";
import { EPIC_NOT_FOUND } from "@/lib/services/epics";
import { GATE_OPTIONS } from "@/lib/domain/decisions";
import {
  announceDecision,
  insertDecision,
  type OpenedDecision,
} from "@/lib/services/decision-store";
import { recordPatternUse } from "@/lib/services/patterns";
import { dispatchRun, launchesHere } from "./dispatch";
import { settleGateCheck } from "./gates";
import { leaseFromNow, NODE_ID } from "./node-id";

/** Queues a run of the epic's current phase and hands it to the supervisor. */
type FollowUpFeedback = { clientKey: string; message: string; mode: string };

export async function startRun(
  actor: Actor,
  input: {
    epicId: string;
    phase?: string;
    parentRunId?: string | null;
    prompt?: string;
    resumeSessionId?: string | null;
    feedback?: FollowUpFeedback;
    patternIds?: string[];
    maxTurns?: number;
    timeoutSec?: number;
  },
) {
  const held: { gate?: OpenedDecision } = {};
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    // A follow-up continues its parent's phase, wherever the card has moved since.
    const phaseKey = input.phase ?? epic.phase;
    if (phaseKey === DONE_LANE)
      return fail(
        "epic-done",
        "This epic is done: move it back to a phase to run that phase again.",
      );
    if (await activeRunOf(tx, epic.id))
      return fail("run-in-progress", "A run of this epic is already in progress.");
    const phase = await tx.phase.findFirst({
      where: { pipeline: { projectId: epic.projectId }, key: phaseKey },
    });
    if (!phase) return fail("phase-not-found", `The pipeline has no phase ${phaseKey}.`);
    const picked = [...new Set(input.patternIds ?? [])];
    if (
      picked.length &&
      (await tx.pattern.count({ where: { id: { in: picked } } })) !== picked.length
    ) {
      return fail(
        "pattern-not-found",
        "A picked pattern does not exist (it may have been deleted): pick again.",
        { patternIds: "Unknown pattern" },
      );
    }
    // An approval gate: the run waits, queued, for a person's go (a decision) before it starts.
    const gated = phase.approvalRequired && !input.parentRunId;
    const plan = runPlan(phase);
    // The epic's agent session continues only with the agent that holds it (a Codex phase cannot
    // continue Claude Code's conversation).
    const holder = epic.sessionId
      ? await tx.run.findFirst({
          where: { epicId: epic.id, sessionId: epic.sessionId },
          orderBy: { createdAt: "desc" },
          select: { runner: true, agent: true },
        })
      : null;
    const sameAgent = !holder || (holder.agent ?? holder.runner) === (plan.agent ?? plan.runner);
    const resume =
      input.resumeSessionId !== undefined
        ? input.resumeSessionId
        : phase.continueSession && sameAgent
          ? epic.sessionId
          : null;
    const run = await tx.run.create({
      data: {
        // Launched here: this node holds the run from the start (no other node's sweep takes it
        // while it launches). Queued, or gated until its approval: held by nobody until taken.
        ...(gated || !launchesHere() ? {} : { ownerId: NODE_ID, leaseUntil: leaseFromNow() }),
        // What a person watching it sees until an agent starts.
        currentAction: gated
          ? "Waiting for approval to start"
          : launchesHere()
            ? "Starting the agent"
            : "Waiting for a node with room",
        // Whichever node launches it starts it the same way.
        prompt: input.prompt ?? null,
        resumeFrom: resume,
        projectId: epic.projectId,
        epicId: epic.id,
        phase: phaseKey,
        runner: plan.runner,
        agent: plan.agent,
        model: plan.model,
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
        impact:
          phaseKey === "DEPLOYER"
            ? "The agent prepares and runs the deployment."
            : `The agent starts the ${phase.name} phase.`,
        urgency: "normal",
        answerRole: "approver",
      });
      held.gate = { decision, seq };
      await tx.epic.update({ where: { id: epic.id }, data: { status: "waiting" } });
    }
    if (input.feedback) {
      // A message to an ended run becomes the follow-up's prompt: delivered as it starts.
      await tx.feedback.create({
        data: {
          ...input.feedback,
          runId: run.id,
          authorId: actor.id,
          authorLabel: actor.label,
          status: "delivered",
          deliveredAt: new Date(),
        },
      });
    }
    return {
      ok: true,
      value: { runId: run.id },
      audit: {
        action: "run.start",
        objectType: "run",
        objectId: run.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { phase: phaseKey, runner: run.runner },
      },
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
export async function resolveGate(
  runId: string,
  approved: boolean,
  by: string,
  comment: string,
): Promise<void> {
  const db = getDb();
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) return;
  if (run.status !== "queued") {
    await settleGateCheck(run, {
      name: "Approved",
      passed: approved,
      detail: approved
        ? `Approved by ${by}.`
        : `Rejected by ${by}${comment ? `: ${comment}` : "."}`,
    });
    return;
  }
  if (approved) {
    await db.epic.update({ where: { id: run.epicId }, data: { status: "running" } });
    await dispatchRun(run.id, { note: `Approved at the gate by ${by}` });
    return;
  }
  const reason = `Rejected at the gate by ${by}${comment ? `: ${comment}` : "."}`;
  await failRunWithoutAgent(db, run, reason, "idle");
}

/** Auto-advance: the next phase starts as soon as this one passed its gate. */
export async function advanceAutomatically(epicId: string) {
  const r = await startRun({ ...SYSTEM_ACTOR, label: "Auto-advance" }, { epicId });
  if (!r.ok) console.warn(`auto-advance of ${epicId} did not start: ${r.message}`);
}

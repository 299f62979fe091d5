import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { ACTIVE_RUN_STATUSES, isActiveRun } from "@/lib/domain/run-status";
import type { ActionResult } from "@/lib/schemas/common";
import type { FeedbackInputSchema } from "@/lib/schemas/run";
import { fail } from "@/lib/services/commit-change";
import { claimRun } from "./leases";
import { launchRun } from "./launch";
import { liveRuns } from "./live-runs";
import { pokeRun } from "./mailbox";
import { NODE_ID } from "./node-id";
import { startRun } from "./start";

// The commands people give a run. Each is written to the database first (with its audit row, in
// one transaction), then the node holding the agent is poked to apply it (mailbox.ts → steer.ts).

const RUN_NOT_FOUND = "This run does not exist.";
type FeedbackOk = { feedbackId: string; runId: string; status: string; duplicate: boolean };
const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === "P2002";

/**
 * Injects a message into a running agent at its next step, or, when the run has ended,
 * continues the agent's session as a follow-up run of the same phase. Idempotent by clientKey.
 */
export async function sendFeedback(
  actor: Actor,
  input: z.output<typeof FeedbackInputSchema>,
): Promise<ActionResult<FeedbackOk>> {
  const db = getDb();
  const repeat = await db.feedback.findFirst({
    where: {
      clientKey: input.clientKey,
      run: { OR: [{ id: input.runId }, { parentRunId: input.runId }] },
    },
  });
  if (repeat)
    return {
      ok: true,
      data: { feedbackId: repeat.id, runId: repeat.runId, status: repeat.status, duplicate: true },
    };
  const run = await db.run.findUnique({ where: { id: input.runId } });
  if (!run) return fail("run-not-found", RUN_NOT_FOUND);

  if (!isActiveRun(run.status)) {
    const feedback = { clientKey: input.clientKey, message: input.message, mode: input.mode };
    const followUp = await startRun(actor, {
      epicId: run.epicId,
      phase: run.phase,
      parentRunId: run.id,
      prompt: input.message,
      resumeSessionId: run.sessionId,
      feedback,
    });
    if (!followUp.ok) {
      const raced = await db.feedback.findFirst({
        where: { clientKey: input.clientKey, run: { parentRunId: input.runId } },
      });
      return raced
        ? {
            ok: true,
            data: {
              feedbackId: raced.id,
              runId: raced.runId,
              status: raced.status,
              duplicate: true,
            },
          }
        : followUp;
    }
    const created = await db.feedback.findFirstOrThrow({
      where: { runId: followUp.data.runId, clientKey: input.clientKey },
    });
    return {
      ok: true,
      data: {
        feedbackId: created.id,
        runId: followUp.data.runId,
        status: created.status,
        duplicate: false,
      },
    };
  }
  let feedback;
  try {
    feedback = await db.$transaction(async (tx) => {
      const f = await tx.feedback.create({
        data: {
          runId: run.id,
          clientKey: input.clientKey,
          message: input.message,
          mode: input.mode,
          authorId: actor.id,
          authorLabel: actor.label,
        },
      });
      await recordAudit(tx, actor, {
        action: input.mode === "interrupt" ? "run.interrupt" : "run.feedback",
        objectType: "run",
        objectId: run.id,
        projectId: run.projectId,
        epicId: run.epicId,
        data: { feedbackId: f.id, mode: input.mode },
      });
      return f;
    });
  } catch (error) {
    // The same key raced in twice: the first one won, this one is the repeat.
    if (!isUniqueViolation(error)) throw error;
    const first = await db.feedback.findFirstOrThrow({
      where: { runId: run.id, clientKey: input.clientKey },
    });
    return {
      ok: true,
      data: { feedbackId: first.id, runId: run.id, status: first.status, duplicate: true },
    };
  }
  pokeRun(run.id);
  return {
    ok: true,
    data: { feedbackId: feedback.id, runId: run.id, status: feedback.status, duplicate: false },
  };
}

/**
 * Stop (interrupt, then kill after a grace) or kill a run, wherever it is. The request is written
 * on the run first, so the node holding the agent applies it even if the poke is lost, and a node
 * that launches it later ends it at once. A run nobody holds yet is taken here and ended.
 */
export async function controlRun(
  actor: Actor,
  input: { runId: string },
  how: "stop" | "kill",
): Promise<ActionResult<{ runId: string }>> {
  const db = getDb();
  const run = await db.run.findUnique({
    where: { id: input.runId },
    select: { id: true, status: true, ownerId: true, projectId: true, epicId: true },
  });
  if (!run) return fail("run-not-found", RUN_NOT_FOUND);
  if (!isActiveRun(run.status)) return fail("run-ended", "This run has already ended.");
  // A kill stands over a stop; a stop does not soften a kill.
  await db.$transaction(async (tx) => {
    await tx.run.updateMany({
      where: {
        id: run.id,
        status: { in: [...ACTIVE_RUN_STATUSES] },
        ...(how === "stop" ? { stopRequested: null } : {}),
      },
      data: { stopRequested: how },
    });
    await recordAudit(tx, actor, {
      action: `run.${how}`,
      objectType: "run",
      objectId: run.id,
      projectId: run.projectId,
      epicId: run.epicId,
    });
  });
  if (liveRuns.has(run.id) || run.ownerId === NODE_ID) pokeRun(run.id);
  else if (await claimRun(run.id))
    void launchRun(run.id).catch((e) => console.error(`run ${run.id} could not be stopped`, e));
  else pokeRun(run.id);
  return { ok: true, data: { runId: run.id } };
}

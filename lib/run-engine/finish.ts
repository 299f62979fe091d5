import "server-only";
import { recordAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { getCard } from "@/lib/db/epics";
import { pipelinePhases } from "@/lib/db/projects";
import { retryDb } from "@/lib/db/retry";
import { activeRunOf, toRunSummary } from "@/lib/db/runs";
import { phaseAfter } from "@/lib/domain/phases";
import { ACTIVE_RUN_STATUSES, runOutcome, statusesLeadingTo } from "@/lib/domain/run-status";
import { publishBoardChange, publishRunUpdate } from "@/lib/realtime/publish";
import { checkpoint } from "@/lib/services/run-diff";
import { markAddressed } from "@/lib/services/review-comments";
import { withdrawDecisions } from "./approvals";
import { engineBus } from "./engine-bus";
import { askGateApproval, evaluateRunGate } from "./gates";
import { liveRuns } from "./live-runs";
import type { LiveRun } from "./live-run";
import { NODE_ID } from "./node-id";

/** Records how the run ended, moves the epic on when it succeeded, and lets go of the run. */
export async function finishRun(
  runId: string,
  exit: { code: number | null; signal: NodeJS.Signals | null },
) {
  const live = liveRuns.get(runId);
  if (!live) return;
  // Another node holds the run now (this one lost its lease): nothing here is the run's any more.
  const lost = () => {
    if (live.leaseLost) liveRuns.delete(runId);
    return live.leaseLost;
  };
  if (lost()) return;
  if (live.handedOver) return releaseRun(runId, live);
  // The database may be restarting: the end waits for it (each write below retries until it is back).
  await live.flush();
  const outcome = runOutcome({
    result: live.lastResult,
    exit,
    stoppedBy: live.stoppedBy,
    maxTurns: live.run.maxTurns,
    timeoutSec: live.run.timeoutSec,
    startError: live.startError,
    waitingOnPeople:
      live.openAgentDecisions > 0 || live.pendingApprovals.size > 0 || live.answeredSinceResult,
  });
  // The run turns terminal only in the transaction below, together with its epic's move: nobody
  // sees a finished run whose card has not moved yet.
  live.figures.currentAction = null;
  // Taken in by the agent, whose query then ended: it was acted on in that query's result.
  for (const id of live.startedInputs.splice(0)) {
    live.record(
      "feedback",
      { feedbackId: id, status: "acknowledged" },
      { feedback: { id, status: "acknowledged" } },
    );
  }
  for (const id of live.awaitingAck.splice(0)) {
    live.record(
      "feedback",
      { feedbackId: id, status: "failed", error: "The run ended before the agent acted on it." },
      { feedback: { id, status: "failed", error: "The run ended before the agent acted on it." } },
    );
  }
  live.record("status", {
    status: outcome.status,
    error: outcome.error,
    exitCode: exit.code,
    signal: exit.signal,
  });
  await live.flush();

  const db = getDb();
  // What the agent left uncommitted becomes a checkpoint commit naming the run: its change is then
  // the diff from the commit it started at to this one.
  const endCommit =
    live.inWorktree && live.cwd
      ? await checkpoint(live.cwd, live.run).catch((error) => {
          console.error(`run ${runId}: its checkpoint commit`, error);
          return null;
        })
      : null;
  // Comments sent to the agent whose lines this run changed are addressed.
  if (endCommit && live.cwd)
    await markAddressed(runId, live.cwd, endCommit).catch((error) =>
      console.error(`run ${runId}: marking review comments addressed`, error),
    );
  const gate = await retryDb(`run ${runId}: its gate`, () => evaluateRunGate(live.run, outcome));
  live.record("gate", gate);
  await live.flush();
  if (lost()) return;
  const ended = await retryDb(`run ${runId}: its end`, () =>
    db.$transaction(async (tx) => {
      const epic = await tx.epic.findUniqueOrThrow({ where: { id: live.run.epicId } });
      const phases = (await pipelinePhases(tx, live.run.projectId)).map((p) => p.key);
      // A follow-up of an earlier phase does not move the card; the gate decides for the rest.
      // A try among several moves nothing: the person who compares them chooses (trials.ts).
      const trial = live.run.trialId;
      const inPhase = epic.phase === live.run.phase && !trial;
      const next = gate.passed && inPhase ? phaseAfter(phases, epic.phase) : null;
      const waiting = gate.pending && inPhase;
      // A decision card only for an approval: a review is given on the epic itself.
      const askApproval = waiting && (gate.waitingFor ?? ["approval"]).includes("approval");
      const othersTrying =
        trial &&
        (await tx.run.count({
          where: { trialId: trial, id: { not: runId }, status: { in: [...ACTIVE_RUN_STATUSES] } },
        }));
      await tx.epic.update({
        where: { id: epic.id },
        data: trial
          ? { status: othersTrying ? "running" : "idle" }
          : {
              status:
                next === "DONE"
                  ? "done"
                  : waiting
                    ? "waiting"
                    : outcome.status === "failed" || outcome.status === "timed_out"
                      ? "failed"
                      : "idle",
              lastGate: { ...gate, phase: live.run.phase, runId, at: new Date().toISOString() },
              ...(next ? { phase: next, skippedPhase: null } : {}),
            },
      });
      if (gate.verdict && !trial)
        await tx.review.create({
          data: {
            projectId: live.run.projectId,
            epicId: epic.id,
            phase: live.run.phase,
            verdict: gate.verdict,
            body: (live.figures.resultSummary ?? "").slice(0, 4000),
            commit: endCommit,
            authorLabel: live.agentActor.label,
            runId,
          },
        });
      await tx.feedback.updateMany({
        where: { runId, status: "queued" },
        data: { status: "failed", error: "The run ended before this message could be delivered." },
      });
      // Only while this node holds the run: if another took it over meanwhile, nothing here is written.
      const row = await tx.run.update({
        where: { id: runId, ownerId: NODE_ID, status: { in: statusesLeadingTo(outcome.status) } },
        data: {
          status: outcome.status,
          error: outcome.error,
          endedAt: new Date(),
          currentAction: null,
          ownerId: null,
          lastSeq: live.seq,
          ...(endCommit ? { endCommit } : {}),
        },
      });
      // The run's own key dies with the run.
      await tx.apiKey.updateMany({
        where: { runId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const seq = await recordAudit(tx, live.agentActor, {
        action: `run.${outcome.status}`,
        objectType: "run",
        objectId: runId,
        projectId: live.run.projectId,
        epicId: live.run.epicId,
        data: {
          phase: live.run.phase,
          error: outcome.error,
          movedTo: next,
          gate: gate.passed ? "passed" : gate.pending ? "pending" : "failed",
        },
      });
      return { seq, row, next, askApproval };
    }),
  ).catch((error) => {
    if ((error as { code?: string }).code !== "P2025") throw error;
    live.loseLease();
    return null;
  });
  if (!ended) return void liveRuns.delete(runId);
  const { seq, row, next, askApproval } = ended;
  liveRuns.delete(runId);
  // Tries that end at once each saw the other still running in their own transaction: whichever
  // looks last, after both committed, lets the epic go idle.
  if (live.run.trialId && !(await activeRunOf(db, live.run.epicId)))
    await db.epic.updateMany({
      where: { id: live.run.epicId, status: "running" },
      data: { status: "idle" },
    });
  // Nobody can act on an answer any more: what the run still asked is withdrawn, saying why.
  await retryDb(`run ${runId}: its open questions`, () =>
    withdrawDecisions(live.run, `Withdrawn: the run ended (${outcome.status}) before an answer.`),
  );
  if (askApproval)
    await askGateApproval(
      live.run,
      phaseAfter(
        (await pipelinePhases(db, live.run.projectId)).map((p) => p.key),
        live.run.phase,
      ),
    );
  if (next && next !== "DONE" && gate.autoAdvance) engineBus.emit("epic:advance", live.run.epicId);
  publishRunUpdate({ v: 1, run: toRunSummary(row) });
  publishBoardChange({
    v: 1,
    seq,
    projectId: live.run.projectId,
    type: "epic:updated",
    epicId: live.run.epicId,
    card: await getCard(db, live.run.epicId),
    actor: live.agentActor.label,
  });
}

/** A handed-over run stays running, ownerless: the next node to sweep claims it and resumes its session. */
async function releaseRun(runId: string, live: LiveRun) {
  live.figures.currentAction = "Moving to another node";
  live.record("status", {
    status: "running",
    note: "This node is shutting down: another node continues the run",
  });
  await live.flush();
  await retryDb(`run ${runId}: handing it over`, () =>
    getDb().$transaction([
      getDb().run.updateMany({
        where: { id: runId, ownerId: NODE_ID },
        data: { ownerId: null, leaseUntil: null, lastSeq: live.seq },
      }),
      getDb().apiKey.updateMany({
        where: { runId, revokedAt: null },
        data: { revokedAt: new Date() },
      }),
    ]),
  );
  liveRuns.delete(runId);
}

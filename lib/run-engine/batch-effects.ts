import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import type { Tx } from "@/lib/db/client";
import { earlierAnswerTo } from "@/lib/db/decisions";
import { mirrorAgentTodos, updateFeedback } from "@/lib/db/run-writes";
import { appendRunEvents } from "@/lib/db/runs";
import { epicStatusFor } from "@/lib/domain/run-status";
import { insertDecision, type OpenedDecision } from "@/lib/services/decision-store";
import { recordPatternUses } from "@/lib/services/patterns";
import type { LiveFigures, Pending } from "./live-run";

type RunRef = {
  id: string;
  epicId: string;
  projectId: string;
  phase: string;
  trialId?: string | null;
};

/**
 * A batch of a run's events whose side effects touch more than the run (feedback receipts, the
 * agent's todos, metrics, patterns, decisions, the epic's status), in the caller's transaction.
 * Returns what to announce once it has committed.
 */
export async function writeBatchWithEffects(
  tx: Tx,
  run: RunRef,
  agentActor: Actor,
  batch: Pending[],
  figures: LiveFigures & { lastSeq: number },
  statusChanged: boolean,
) {
  let boardSeq: number | null = null;
  let reused = false;
  const opened: OpenedDecision[] = [];
  await appendRunEvents(tx, run.id, batch);
  for (const p of batch) if (p.feedback) await updateFeedback(tx, p.feedback);
  const patterns = batch.flatMap((p) => p.patterns ?? []);
  if (patterns.length) await recordPatternUses(tx, run, patterns);
  const metrics = batch.flatMap((p) => p.metrics ?? []);
  if (metrics.length) {
    await tx.metricSample.createMany({
      data: metrics.map((m) => ({
        projectId: run.projectId,
        epicId: run.epicId,
        runId: run.id,
        phase: run.phase,
        name: m.name,
        value: m.value,
      })),
    });
  }
  const todos = batch.findLast((p) => p.todos)?.todos;
  const sessionId = batch.findLast((p) => p.sessionId)?.sessionId;
  // A try among several keeps its plan and session to itself (its events) until it is chosen.
  if (todos && !run.trialId) await mirrorAgentTodos(tx, run.epicId, run.phase, todos);
  if (sessionId && !run.trialId)
    await tx.epic.update({ where: { id: run.epicId }, data: { sessionId } });
  if (statusChanged)
    await tx.epic.update({
      where: { id: run.epicId },
      data: { status: epicStatusFor(figures.status) },
    });
  const runRow = await tx.run.update({ where: { id: run.id }, data: figures });
  // Audit rows last: each takes the project's advisory lock (gap-free board seqs on PostgreSQL),
  // and a lock taken before the run's row would deadlock with a stop, which locks that row first.
  for (const p of batch) {
    if (!p.decision) continue;
    // The same question, answered on this epic before: answered again at once, shown as such.
    const reuse =
      p.decision.source === "agent"
        ? await earlierAnswerTo(tx, run.epicId, p.decision.title, p.decision.options)
        : null;
    if (reuse) reused = true;
    opened.push(
      await insertDecision(tx, agentActor, {
        ...p.decision,
        reuse,
        projectId: run.projectId,
        epicId: run.epicId,
        runId: run.id,
        runEventSeq: p.seq,
      }),
    );
  }
  if (todos || statusChanged) {
    boardSeq = await recordAudit(tx, agentActor, {
      action: todos && !statusChanged ? "todo.agent_update" : `run.${figures.status}`,
      objectType: "run",
      objectId: run.id,
      projectId: run.projectId,
      epicId: run.epicId,
      data: todos ? { todos: todos.length } : { status: figures.status },
    });
  }
  return { runRow, opened, boardSeq, reused };
}

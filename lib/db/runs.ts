import { ACTIVE_RUN_STATUSES } from "@/lib/domain/run-status";
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { RunStatus } from "@/lib/domain/run-status";
import type { RunEventRow, RunSummary } from "@/lib/schemas/run";
import { dbDialect, type Db, type Tx } from "./client";
import { eventRowsParam, insertEventsSql } from "./sql";

type RunRow = Prisma.RunGetPayload<object>;

export function toRunSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    epicId: r.epicId,
    projectId: r.projectId,
    phase: r.phase,
    runner: r.runner,
    agent: r.agent,
    model: r.model,
    trialId: r.trialId,
    workflow: r.workflow,
    status: r.status as RunStatus,
    turns: r.turns,
    maxTurns: r.maxTurns,
    timeoutSec: r.timeoutSec,
    currentAction: r.currentAction,
    costUsd: r.costUsd,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    sessionId: r.sessionId,
    parentRunId: r.parentRunId,
    branch: r.branch,
    resultSummary: r.resultSummary,
    error: r.error,
    lastSeq: r.lastSeq,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

export type NewEvent = { seq: number; kind: string; data: Prisma.InputJsonValue; at: Date };

/** Inside an interactive transaction (batches with side effects); see run-event-writer.ts for the hot path. */
export async function appendRunEvents(tx: Tx, runId: string, events: NewEvent[]) {
  if (!events.length) return;
  await tx.$executeRawUnsafe(
    insertEventsSql(dbDialect()),
    eventRowsParam(
      events.map((e) => ({ runId, ...e })),
      dbDialect(),
    ),
  );
}

function eventRow(
  runId: string,
  r: { seq: number; kind: string; data: RunEventRow["data"]; createdAt: Date },
): RunEventRow {
  return { runId, seq: r.seq, kind: r.kind, data: r.data, at: r.createdAt.toISOString() };
}

/** Events after a seq, in order: how a page or a reconnecting client catches up. */
export async function runEventsAfter(
  tx: Tx,
  runId: string,
  after: number,
  limit: number,
): Promise<RunEventRow[]> {
  const rows = await tx.runEvent.findMany({
    where: { runId, seq: { gt: after } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map((r) => eventRow(runId, r));
}

/**
 * The newest `limit` events before a seq (all of them when `before` is absent), returned in order:
 * how a page that holds a window of a long run fetches what lies above it, or opens on its tail.
 */
export async function runEventsBefore(
  tx: Tx,
  runId: string,
  before: number | undefined,
  limit: number,
  after = 0,
): Promise<RunEventRow[]> {
  const rows = await tx.runEvent.findMany({
    where: { runId, seq: before === undefined ? { gt: after } : { gt: after, lt: before } },
    orderBy: { seq: "desc" },
    take: limit,
  });
  return rows.reverse().map((r) => eventRow(runId, r));
}

export function activeRunOf(tx: Tx, epicId: string) {
  return tx.run.findFirst({
    where: { epicId, status: { in: [...ACTIVE_RUN_STATUSES] } },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * The last stored seq of a run. Run.lastSeq may lag behind (the hot path skips the row when
 * only events were added), so anything that continues a run's numbering asks the events.
 */
export async function maxSeq(tx: Tx, runId: string): Promise<number> {
  const agg = await tx.runEvent.aggregate({ where: { runId }, _max: { seq: true } });
  return agg._max.seq ?? 0;
}

/**
 * Ends a run no agent is working on (refused at its gate, or left by a node that died) as failed,
 * saying why in its last event; the epic shows `epicStatus`. Lets go of any lease.
 */
export async function failRunWithoutAgent(
  db: Db,
  run: { id: string; epicId: string },
  reason: string,
  epicStatus: "idle" | "failed",
) {
  const seq = (await maxSeq(db, run.id)) + 1;
  await db.$transaction([
    db.run.update({
      where: { id: run.id },
      data: {
        status: "failed",
        error: reason,
        endedAt: new Date(),
        ownerId: null,
        leaseUntil: null,
        lastSeq: seq,
      },
    }),
    db.epic.update({ where: { id: run.epicId }, data: { status: epicStatus } }),
    db.runEvent.create({
      data: { runId: run.id, seq, kind: "status", data: { status: "failed", error: reason } },
    }),
  ]);
}

/** The data of a run's last event of a kind (its last `todo_update`, its `gate`), or null. */
export async function lastEventData<T>(tx: Tx, runId: string, kind: string): Promise<T | null> {
  const row = await tx.runEvent.findFirst({
    where: { runId, kind },
    orderBy: { seq: "desc" },
    select: { data: true },
  });
  return (row?.data as T | null) ?? null;
}

/** The epic's latest run of its own (a try among several agents is not the epic's until chosen). */
export function latestRunOf(tx: Tx, epicId: string, among?: string[]) {
  return tx.run.findFirst({
    where: { epicId, trialId: null, ...(among?.length ? { id: { in: among } } : {}) },
    orderBy: { createdAt: "desc" },
  });
}

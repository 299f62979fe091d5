import "server-only";
import { env } from "@/lib/env";
import { dbDialect, getDb } from "./client";
import { eventRowsParam, insertEventsSql, updateRunFiguresSql } from "./sql";
import type { NewEvent } from "./runs";

/** The figures a run's row carries, written with each batch of its events. */
export type RunFigures = {
  status: string;
  turns: number;
  currentAction: string | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  sessionId: string | null;
  resultSummary: string | null;
};

type Job = {
  runId: string;
  events: NewEvent[];
  figures: RunFigures | null;
  done: () => void;
  failed: (e: unknown) => void;
};

// One JSON parameter per statement; statements of this many rows keep each one a modest size.
const ROWS_PER_INSERT = 2000;
/** Group commit: events arriving within this window share one transaction (one WAL sync). */
export const GROUP_COMMIT_MS = env().HIVEBOARD_GROUP_COMMIT_MS;

/**
 * The hot path of run events. Plain events of every live run that arrive in the same tick are
 * written together: one transaction, INSERTs carrying their rows as one JSON parameter, and one UPDATE of each run's
 * figures. Prisma's createMany plans a large query per call; a raw insert through
 * the same connection is an order of magnitude cheaper (bench/event-persistence.ts).
 */
class RunEventWriter {
  private jobs: Job[] = [];
  private scheduled = false;

  /** `figures` null: the run's row is unchanged but for lastSeq, which may lag (see maxSeq). */
  write(runId: string, events: NewEvent[], figures: RunFigures | null): Promise<void> {
    return new Promise((done, failed) => {
      this.jobs.push({ runId, events, figures, done, failed });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), GROUP_COMMIT_MS);
      }
    });
  }

  private async flush() {
    const jobs = this.jobs.splice(0);
    this.scheduled = false;
    if (!jobs.length) return;
    const db = getDb();
    const dialect = dbDialect();
    const rows = jobs.flatMap((j) => j.events.map((e) => ({ runId: j.runId, ...e })));
    const statements = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      statements.push(
        db.$executeRawUnsafe(
          insertEventsSql(dialect),
          eventRowsParam(rows.slice(i, i + ROWS_PER_INSERT), dialect),
        ),
      );
    }
    // The last job of a run with figures carries its latest ones.
    const latest = new Map(jobs.filter((j) => j.figures).map((j) => [j.runId, j]));
    for (const j of latest.values()) {
      const f = j.figures!;
      statements.push(
        db.$executeRawUnsafe(
          updateRunFiguresSql(dbDialect()),
          f.status,
          f.turns,
          f.currentAction,
          f.costUsd,
          f.inputTokens,
          f.outputTokens,
          f.sessionId,
          f.resultSummary,
          jobs
            .filter((x) => x.runId === j.runId)
            .at(-1)!
            .events.at(-1)!.seq,
          j.runId,
        ),
      );
    }
    try {
      await db.$transaction(statements);
      for (const j of jobs) j.done();
    } catch (error) {
      for (const j of jobs) j.failed(error);
    }
  }
}

const g = globalThis as unknown as { __hiveboardEventWriter?: RunEventWriter };
export const runEventWriter: RunEventWriter = (g.__hiveboardEventWriter ??= new RunEventWriter());

import "server-only";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { connectRedis } from "@/lib/redis";
import { complainEvery, withTimeout } from "@/lib/utils/time";

// With REDIS_URL, runs wait in a BullMQ queue and the nodes that execute runs take them as they
// have room (HIVEBOARD_MAX_RUNS each). A job is held for its run's whole life on the node that
// took it, so a node's concurrency is its number of live agents. The database stays the authority:
// a job only launches a run whose lease it wins (claimRun), and every node's sweep puts orphaned
// runs back in the queue — a job lost with a Redis restart is re-added within a sweep.

export const RUN_QUEUE = "hiveboard-runs";
export type RunJob = { runId: string; note?: string };

// On globalThis: server.ts and Next's bundle load this module separately but share one connection.
const g = globalThis as unknown as {
  __hiveboardRunQueue?: Queue<RunJob>;
  __hiveboardQueueRedis?: Redis;
  __hiveboardQueueEverReady?: boolean;
};

export const runQueueEnabled = () => Boolean(env().REDIS_URL);

function queue(): Queue<RunJob> {
  // Fails at once while Redis is unreachable (no offline queue): the caller falls back to the sweep.
  if (!g.__hiveboardRunQueue) {
    g.__hiveboardQueueEverReady = false;
    g.__hiveboardQueueRedis = connectRedis({ failFast: true }).once(
      "ready",
      () => (g.__hiveboardQueueEverReady = true),
    );
    g.__hiveboardRunQueue = new Queue<RunJob>(RUN_QUEUE, { connection: g.__hiveboardQueueRedis });
  }
  return g.__hiveboardRunQueue;
}

/**
 * Puts a run in the queue; idempotent (the job id is the run's), so every node's sweep may add
 * the same orphan. False when Redis cannot take it now: the caller leaves it to the sweep.
 */
export async function enqueueRun(runId: string, note?: string): Promise<boolean> {
  if (!runQueueEnabled()) return false;
  try {
    const q = queue();
    // Just started: give the first connection a moment. Later, while Redis is away, fail at once
    // (a sweep adds every orphan: waiting a second for each would stall it).
    if (g.__hiveboardQueueRedis!.status !== "ready" && !g.__hiveboardQueueEverReady)
      await withTimeout(q.waitUntilReady(), 1000, null);
    await q.add(
      "run",
      { runId, ...(note ? { note } : {}) },
      { jobId: runId, removeOnComplete: true, removeOnFail: true },
    );
    return true;
  } catch (error) {
    complainEvery(
      "run queue",
      10_000,
      `run queue: cannot reach Redis (${error instanceof Error ? error.message : error}); runs are taken by the nodes' sweep meanwhile`,
    );
    return false;
  }
}

/** Whether Redis answers within a second (for the health check). */
export async function redisAnswers(): Promise<boolean> {
  try {
    await withTimeout(queue().waitUntilReady(), 1000, null);
    return (await withTimeout(g.__hiveboardQueueRedis!.ping(), 1000, null)) === "PONG";
  } catch {
    return false;
  }
}

/** Runs waiting for a node with room, and runs held by a node, as the queue counts them. */
export async function runQueueCounts(): Promise<{ waiting: number; active: number }> {
  const c = await queue().getJobCounts("waiting", "active", "prioritized");
  return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0 };
}

/**
 * This node takes runs from the queue, `concurrency` at a time; `take` resolves when the run has
 * left this node (ended or handed over). The lock on a job lapses like a lease when its node dies;
 * BullMQ then offers it again, and the next node resumes the run once its lease has lapsed too.
 */
export function serveRunQueue(
  take: (job: RunJob) => Promise<unknown>,
  opts: { concurrency: number; lockMs: number },
): { close: () => Promise<void> } {
  const worker = new Worker<RunJob>(RUN_QUEUE, async (job) => take(job.data), {
    connection: connectRedis({ failFast: false }),
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    stalledInterval: opts.lockMs,
    // A run may move between nodes several times; the database decides each time whether it may.
    maxStalledCount: 1000,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 0 },
  });
  // A job whose lock was lost in a Redis blip still runs here under its database lease.
  worker.on("error", (error) =>
    complainEvery(
      "run queue worker",
      30_000,
      `run queue: ${error.message} (runs held here go on under their database leases)`,
    ),
  );
  return { close: () => worker.close() };
}

/** For tests and shutdown: closes this process's queue connection. */
export async function closeRunQueue(): Promise<void> {
  await g.__hiveboardRunQueue?.close();
  g.__hiveboardQueueRedis?.disconnect();
  g.__hiveboardRunQueue = g.__hiveboardQueueRedis = undefined;
}

import "server-only";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { env } from "@/lib/env";

// With REDIS_URL, runs wait in a BullMQ queue and the nodes that execute runs take them as they
// have room (HIVEBOARD_MAX_RUNS each). A job is held for its run's whole life on the node that
// took it, so a node's concurrency is its number of live agents. The database stays the authority:
// a job only launches a run whose lease it wins (claimRun), and every node's sweep puts orphaned
// runs back in the queue — a job lost with a Redis restart is re-added within a sweep.

export const RUN_QUEUE = "hiveboard-runs";
export type RunJob = { runId: string; note?: string };

// On globalThis: server.ts and Next's bundle load this module separately but share one connection.
const g = globalThis as unknown as { __hiveboardRunQueue?: Queue<RunJob>; __hiveboardQueueRedis?: Redis; __hiveboardQueueEverReady?: boolean };
let lastComplaint = 0;

export const runQueueEnabled = () => Boolean(env().REDIS_URL);

function queue(): Queue<RunJob> {
  // Fails at once while Redis is unreachable (no offline queue): the caller falls back to the sweep.
  if (!g.__hiveboardRunQueue) {
    g.__hiveboardQueueEverReady = false;
    g.__hiveboardQueueRedis = new Redis(env().REDIS_URL!, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n) => Math.min(n * 200, 2000) })
      .on("error", () => undefined)
      .once("ready", () => (g.__hiveboardQueueEverReady = true));
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
    if (g.__hiveboardQueueRedis!.status !== "ready" && !g.__hiveboardQueueEverReady) await Promise.race([q.waitUntilReady(), new Promise((r) => setTimeout(r, 1000).unref())]);
    await q.add("run", { runId, ...(note ? { note } : {}) }, { jobId: runId, removeOnComplete: true, removeOnFail: true });
    return true;
  } catch (error) {
    if (Date.now() - lastComplaint > 10_000) {
      lastComplaint = Date.now();
      console.error(`run queue: cannot reach Redis (${error instanceof Error ? error.message : error}); runs are taken by the nodes' sweep meanwhile`);
    }
    return false;
  }
}

/** Whether Redis answers within a second (for the health check). */
export async function redisAnswers(): Promise<boolean> {
  try {
    const q = queue();
    await Promise.race([q.waitUntilReady(), new Promise((r) => setTimeout(r, 1000).unref())]);
    return (await Promise.race([g.__hiveboardQueueRedis!.ping(), new Promise((r) => setTimeout(() => r(null), 1000).unref())])) === "PONG";
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
export function serveRunQueue(take: (job: RunJob) => Promise<unknown>, opts: { concurrency: number; lockMs: number }): { close: () => Promise<void> } {
  const worker = new Worker<RunJob>(RUN_QUEUE, async (job) => take(job.data), {
    connection: new Redis(env().REDIS_URL!, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) }).on("error", () => undefined),
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    stalledInterval: opts.lockMs,
    // A run may move between nodes several times; the database decides each time whether it may.
    maxStalledCount: 1000,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 0 },
  });
  // A job whose lock was lost in a Redis blip still runs here under its database lease; while
  // Redis is away, one line every 30 s says so.
  let told = 0;
  worker.on("error", (error) => {
    if (Date.now() - told < 30_000) return;
    told = Date.now();
    console.error(`run queue: ${error.message} (runs held here go on under their database leases)`);
  });
  return { close: () => worker.close() };
}

/** For tests and shutdown: closes this process's queue connection. */
export async function closeRunQueue(): Promise<void> {
  await g.__hiveboardRunQueue?.close();
  g.__hiveboardQueueRedis?.disconnect();
  g.__hiveboardRunQueue = g.__hiveboardQueueRedis = undefined;
}

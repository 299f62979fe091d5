import "server-only";
import { closeDb } from "@/lib/db/client";
import { reportBackgroundError } from "@/lib/db/retry";
import { env } from "@/lib/env";
import { withTimeout } from "@/lib/utils/time";
import { drainMailbox } from "./mailbox";
import { followOpenPullRequests } from "./pull-requests";
import { reconcileRuns, takeQueuedRun } from "./dispatch";
import { drainRuns, renewLeases } from "./leases";
import { closeRunQueue, runQueueEnabled, serveRunQueue } from "./queue";
import { liveRuns } from "./live-runs";
import { LEASE_MS } from "./node-id";

/**
 * What a node that executes runs does in the background, web node and worker alike: take runs
 * from the queue as it has room (REDIS_URL), renew its leases, sweep for runs nobody holds (put
 * back in the queue, or taken here without one), and apply what a lost control message should
 * have done. Returns its stop, which resolves when the node takes no more runs.
 */
export function startRunDuties(sweepMs: number, label: string): () => Promise<void> {
  let sweeping = false;
  let following = false;
  const queue = runQueueEnabled()
    ? serveRunQueue(takeQueuedRun, { concurrency: env().HIVEBOARD_MAX_RUNS, lockMs: LEASE_MS })
    : null;
  const timers = [
    setInterval(
      () => void renewLeases().catch((e) => reportBackgroundError("leases", e)),
      LEASE_MS / 4,
    ),
    setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      void reconcileRuns()
        .then(
          (r) =>
            (r.resumed.length || r.failed.length) &&
            console.log(`${label}: took ${r.resumed.length} run(s), failed ${r.failed.length}`),
        )
        .catch((e) => reportBackgroundError("run sweep", e))
        .finally(() => (sweeping = false));
    }, sweepMs),
    setInterval(
      () => void drainMailbox().catch((e) => reportBackgroundError("run control", e)),
      2000,
    ),
    setInterval(() => {
      if (following) return;
      following = true;
      void followOpenPullRequests()
        .catch((e) => reportBackgroundError("pull requests", e))
        .finally(() => (following = false));
    }, env().HIVEBOARD_PR_POLL_MS),
  ];
  return async () => {
    timers.forEach(clearInterval);
    // Takes no new jobs; the ones held end as their runs end or are handed over (drainRuns).
    const closing = queue?.close().catch((e) => console.error("run queue", e));
    await withTimeout(closing ?? Promise.resolve(), 100, null);
  };
}

/**
 * SIGTERM/SIGINT: stop the duties, drain (resumable runs handed on, the rest given
 * HIVEBOARD_DRAIN_MS), close what the node opened, exit.
 */
export async function drainNode(
  signal: string,
  stopDuties: () => Promise<void>,
  close: () => void,
): Promise<never> {
  // Whatever cannot be reached (a database or Redis gone), the process ends within its bound.
  const boundMs = env().HIVEBOARD_DRAIN_MS + 5000;
  setTimeout(() => {
    console.error(`${signal}: shutdown took over ${boundMs / 1000} s; ending now`);
    endLocalAgents();
    process.exit(1);
  }, boundMs).unref();
  const stopped = stopDuties();
  console.log(
    `${signal}: draining — no new runs; resumable runs go to other nodes, the rest may finish`,
  );
  const { handedOver, unfinished } = await drainRuns(env().HIVEBOARD_DRAIN_MS);
  console.log(
    `Drained: ${handedOver.length} handed over, ${unfinished.length} ended unfinished (another node fails or resumes them when their lease lapses)`,
  );
  // Their agents do not outlive this process (each runs in its own process group).
  endLocalAgents();
  await stopped;
  close();
  await closeRunQueue();
  await closeDb();
  process.exit(0);
}

function endLocalAgents() {
  for (const live of liveRuns.values()) live.handle?.kill();
}

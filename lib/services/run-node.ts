import "server-only";
import { closeDb } from "@/lib/db/client";
import { reconcileControl } from "./run-control";
import { drainRuns, renewLeases } from "./run-leases";
import { LEASE_MS } from "./run-supervisor";
import { reconcileRuns } from "./runs";

/**
 * What a node that executes runs does in the background, web node and worker alike: renew its
 * leases, take queued runs and runs whose node died (resumed through the agent session, or failed
 * with the reason), and apply what a lost control message should have done. Returns its stop.
 */
export function startRunDuties(sweepMs: number, label: string): () => void {
  let sweeping = false;
  const timers = [
    setInterval(() => void renewLeases().catch((e) => console.error("leases", e)), LEASE_MS / 4),
    setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      void reconcileRuns()
        .then((r) => (r.resumed.length || r.failed.length) && console.log(`${label}: took ${r.resumed.length} run(s), failed ${r.failed.length}`))
        .catch((e) => console.error("run sweep", e))
        .finally(() => (sweeping = false));
    }, sweepMs),
    setInterval(() => void reconcileControl().catch((e) => console.error("run control", e)), 2000),
  ];
  return () => timers.forEach(clearInterval);
}

/**
 * SIGTERM/SIGINT: stop the duties, drain (resumable runs handed on, the rest given
 * HIVEBOARD_DRAIN_MS), close what the node opened, exit.
 */
export async function drainNode(signal: string, stopDuties: () => void, close: () => void): Promise<never> {
  stopDuties();
  console.log(`${signal}: draining — no new runs; resumable runs go to other nodes, the rest may finish`);
  const { handedOver, unfinished } = await drainRuns(Number(process.env.HIVEBOARD_DRAIN_MS ?? 25_000));
  console.log(`Drained: ${handedOver.length} handed over, ${unfinished.length} still running (another node fails or resumes them when their lease lapses)`);
  close();
  await closeDb();
  process.exit(0);
}

import { ACTIVE_RUN_STATUSES } from "@/lib/domain/run-status";
import "server-only";
import { getDb } from "@/lib/db/client";
import { resumesSession } from "@/lib/runners";
import { liveRuns } from "./live-runs";
import { leaseFromNow, NODE_ID } from "./node-id";

// Which node holds which run: a lease on the run's row (ownerId, leaseUntil), renewed while the
// agent lives. A node that dies stops renewing; another node's sweep (reconcileRuns) claims the
// run once the lease has lapsed, and resumes its agent session or fails it saying why.

const g = globalThis as unknown as { __hiveboardDraining?: boolean };
export const isDraining = () => g.__hiveboardDraining === true;

/**
 * Extends this node's leases on the runs it executes. A run another node holds now (this one could
 * not renew in time, say through a database outage longer than a lease) is not ours any more: its
 * copy here stops, and the other node carries on from the events committed.
 */
export async function renewLeases(): Promise<number> {
  const ids = [...liveRuns.keys()];
  if (!ids.length) return 0;
  const db = getDb();
  const { count } = await db.run.updateMany({
    where: { id: { in: ids }, ownerId: NODE_ID },
    data: { leaseUntil: leaseFromNow() },
  });
  if (count < ids.length) {
    const taken = await db.run.findMany({
      where: { id: { in: ids }, ownerId: { not: null }, NOT: { ownerId: NODE_ID } },
      select: { id: true },
    });
    for (const { id } of taken) liveRuns.get(id)?.loseLease();
  }
  return count;
}

/** Takes an orphaned run for this node: exactly one of several sweeping nodes wins. */
export async function claimRun(runId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await getDb().run.updateMany({
    where: {
      id: runId,
      status: { in: [...ACTIVE_RUN_STATUSES] },
      OR: [{ ownerId: null }, { leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { ownerId: NODE_ID, leaseUntil: leaseFromNow() },
  });
  return count === 1;
}

/**
 * SIGTERM: take no new runs; hand the resumable ones (an agent session to continue) to the other
 * nodes at once, and give the rest until `graceMs` to finish. Resolves when this node holds none.
 */
export async function drainRuns(
  graceMs: number,
): Promise<{ handedOver: string[]; unfinished: string[] }> {
  g.__hiveboardDraining = true;
  const handedOver: string[] = [];
  const rows = await getDb().run.findMany({
    where: { id: { in: [...liveRuns.keys()] } },
    select: { id: true, runner: true, sessionId: true },
  });
  for (const row of rows) {
    const live = liveRuns.get(row.id);
    const sessionId = live?.figures.sessionId ?? row.sessionId;
    if (!live?.handle || !sessionId || !resumesSession(row.runner)) continue;
    live.handedOver = true;
    live.handle.kill();
    handedOver.push(row.id);
  }
  const until = Date.now() + graceMs;
  while (liveRuns.size && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return { handedOver, unfinished: [...liveRuns.keys()] };
}

/** For tests: this process takes runs again. */
export function resumeTakingRuns() {
  g.__hiveboardDraining = false;
}

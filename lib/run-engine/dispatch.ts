import "server-only";
import { endLeftoverAgent } from "./leftovers";
import type { Run } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { failRunWithoutAgent } from "@/lib/db/runs";
import { env } from "@/lib/env";
import { isActiveRun, ACTIVE_RUN_STATUSES } from "@/lib/domain/run-status";
import { resumesSession } from "@/lib/runners";
import { claimRun, isDraining } from "./leases";
import { enqueueRun, runQueueEnabled, type RunJob } from "./queue";
import { launchRun } from "./launch";
import { liveRuns } from "./live-runs";

// Which node runs an agent, and when. One machine: the node that was asked, at once. Several
// (REDIS_URL): the BullMQ queue, taken by nodes with room. Either way the database decides: a node
// launches only a run whose lease it won, and every node's sweep picks up runs nobody holds.

/** HIVEBOARD_RUNS=workers: this node serves people; `npm run worker` nodes execute the runs. */
export const runsOnWorkers = () => env().HIVEBOARD_RUNS === "workers";
/** Whether a run started here is launched here at once (true) or handed to the queue / the workers. */
export const launchesHere = () => !runsOnWorkers() && !runQueueEnabled();

const logged = (runId: string) => (error: unknown) =>
  console.error(`run ${runId} failed to launch`, error);

/**
 * A run is ready to go (just started, or approved at its gate): into the queue, or launched here.
 * `held`: this node already holds its lease (it was created so); otherwise it is claimed first.
 */
export async function dispatchRun(
  runId: string,
  opts: { held?: boolean; note?: string } = {},
): Promise<void> {
  if (await enqueueRun(runId, opts.note)) return;
  // No queue, or Redis cannot take it now: a worker's sweep takes it, or this node does.
  if (runsOnWorkers() || isDraining()) return;
  if (!opts.held && !(await claimRun(runId))) return;
  void launchRun(runId, { note: opts.note }).catch(logged(runId));
}

/** What a node does with a run it takes over: start it, resume its agent session, or fail it. */
function takeOverPlan(run: Run): "launch" | "resume" | "fail" {
  if (run.status === "queued" && !run.startedAt) return "launch";
  return resumesSession(run.runner) && run.sessionId ? "resume" : "fail";
}

/**
 * What a node does with a run it has just claimed: a run that never started starts (with the prompt
 * and session it was started with); one whose node died resumes through its agent session where the
 * runner can, or fails saying why. Resolves when the run has left this node.
 */
export async function takeRun(run: Run, note?: string): Promise<void> {
  switch (takeOverPlan(run)) {
    case "launch":
      return launchRun(run.id, { note }).catch(logged(run.id));
    case "resume":
      return launchRun(run.id, {
        resumeSessionId: run.sessionId,
        prompt:
          "Hiveboard moved this run to another node while you were working. Continue where you left off.",
        note: "Resumed on another node",
      }).catch(logged(run.id));
    case "fail":
      return failRunWithoutAgent(
        getDb(),
        run,
        run.status === "queued"
          ? "The node that was to run this went away before it started."
          : "The node running this went away mid-run, and its agent session cannot be resumed.",
        "failed",
      );
  }
}

/** A job from the run queue: this node takes the run if nobody holds it, and keeps the job while it runs. */
export async function takeQueuedRun(job: RunJob): Promise<string | void> {
  if (isDraining() || liveRuns.has(job.runId)) return "not taken";
  const run = await getDb().run.findUnique({ where: { id: job.runId } });
  if (!run || !isActiveRun(run.status)) return "ended";
  // Held by a live node (a duplicate job, or a lock lost in a Redis blip): nothing to do. A node
  // that died still holds its lease until it lapses; the sweep puts the run back in the queue then.
  if (!(await claimRun(run.id))) return "held elsewhere";
  return takeRun(run, job.note);
}

/**
 * Every node that executes runs sweeps for runs nobody holds (no owner, or a lease its node stopped
 * renewing): the first into the queue, the second (and all, without a queue) taken here. A run queued behind an open
 * gate decision is not orphaned: it waits for a person, by design.
 */
export async function reconcileRuns(): Promise<{
  resumed: string[];
  failed: string[];
  queued: string[];
}> {
  const db = getDb();
  const swept = { resumed: [] as string[], failed: [] as string[], queued: [] as string[] };
  if (isDraining()) return swept;
  const orphans = await db.run.findMany({
    where: {
      status: { in: [...ACTIVE_RUN_STATUSES] },
      OR: [{ ownerId: null }, { leaseUntil: null }, { leaseUntil: { lt: new Date() } }],
      NOT: { decisions: { some: { source: "gate", status: "open" } } },
    },
  });
  for (const run of orphans) {
    if (liveRuns.has(run.id)) continue;
    // Held by nobody (new, or handed over on a drain): into the queue. A lapsed lease means its node
    // died, its job possibly still locked by that node for a while: taken here, at once, instead.
    if (run.ownerId === null && (await enqueueRun(run.id))) {
      swept.queued.push(run.id);
      continue;
    }
    // Several nodes sweep: the one whose conditional update wins takes the run.
    if (!(await claimRun(run.id))) continue;
    // Its agent may outlive the server that started it (kill -9): ended before anything else.
    if (endLeftoverAgent(run))
      console.log(`run ${run.id}: ended the agent a previous server left running`);
    if (takeOverPlan(run) === "fail") {
      swept.failed.push(run.id);
      await takeRun(run);
    } else {
      swept.resumed.push(run.id);
      void takeRun(run);
    }
  }
  return swept;
}

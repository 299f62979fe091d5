// The run queue (BullMQ on a real Redis): runs wait for a node with room and are taken one per free
// slot; a job lost with Redis is put back by the sweep; a stop reaches a run still in the queue;
// a follow-up taken from the queue starts with the message it was started with.
import { redisUrl } from "../setup/redis-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, manager } from "../setup/db";
import {
  demoProjectId,
  ended,
  events,
  freshEpic,
  runRow,
  seqsInOrder,
  startedRun,
  waitFor,
} from "../setup/runs";

describe.skipIf(!redisUrl)("run queue (Redis)", async () => {
  const { startRunDuties } = await import("@/lib/run-engine");
  const { reconcileRuns } = await import("@/lib/run-engine");
  const { closeRunQueue, runQueueCounts } = await import("@/lib/run-engine/queue");
  const { controlRun, sendFeedback } = await import("@/lib/run-engine");
  const { Queue } = await import("bullmq");
  const db = await freshDb();
  const projectId = await demoProjectId();
  process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
  let stop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    // What other test sessions left in this Redis is not ours to run.
    const q = new Queue("hiveboard-runs", { connection: { url: redisUrl } });
    await q.obliterate({ force: true });
    await q.close();
    stop = startRunDuties(250, "test node");
  });
  afterAll(async () => {
    await stop();
    await closeRunQueue();
  });

  it("runs wait in the queue for a node with room: one at a time here (HIVEBOARD_MAX_RUNS=1)", async () => {
    process.env.HIVEBOARD_DEMO_PACE_MS = "40";
    const first = await startedRun(projectId, "Queued first");
    const second = await startedRun(projectId, "Queued second");
    await waitFor("the first run to start", async () => (await runRow(first)).status === "running");
    // The node is full: the second waits, held by nobody, counted by the queue.
    expect(await runRow(second)).toMatchObject({
      status: "queued",
      startedAt: null,
      ownerId: null,
      currentAction: "Waiting for a node with room",
    });
    expect(await runQueueCounts()).toEqual({ waiting: 1, active: 1 });
    expect((await ended(first)).status).toBe("completed");
    const done = await ended(second);
    expect(done.status).toBe("completed");
    expect(done.startedAt!.getTime()).toBeGreaterThanOrEqual(
      (await runRow(first)).endedAt!.getTime() - 5,
    );
    expect(await seqsInOrder(second)).toBe(true);
    process.env.HIVEBOARD_DEMO_PACE_MS = "15";
  });

  it("the health check asks Redis too when the installation uses it", async () => {
    const { GET } = await import("@/app/api/health/route");
    const r = await GET();
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ok", database: "ok", redis: "ok" });
  });

  it("a run whose job was lost (Redis restarted without its data) is put back in the queue by the sweep", async () => {
    const epicId = await freshEpic(projectId, "Lost job");
    const run = await db.run.create({
      data: {
        projectId,
        epicId,
        phase: "ANALYZER",
        runner: "demo",
        workflow: "architect",
        maxTurns: 30,
        timeoutSec: 600,
      },
    });
    const swept = await reconcileRuns();
    expect(swept.queued).toContain(run.id);
    expect((await ended(run.id)).status).toBe("completed");
  });

  it("a run whose node died (its lease lapsed, its job maybe still locked by that node) is taken by the sweep at once", async () => {
    const epicId = await freshEpic(projectId, "Node died");
    const run = await db.run.create({
      data: {
        projectId,
        epicId,
        phase: "ANALYZER",
        runner: "demo",
        workflow: "architect",
        maxTurns: 30,
        timeoutSec: 600,
        status: "running",
        startedAt: new Date(),
        ownerId: "node-dead",
        leaseUntil: new Date(Date.now() - 1000),
        sessionId: "5f1b7c7e-0000-4000-8000-00000000000b",
      },
    });
    const swept = await reconcileRuns();
    expect(swept.resumed).toContain(run.id);
    expect(swept.queued).not.toContain(run.id);
    expect((await ended(run.id)).status).toBe("completed");
  });

  it("a stop reaches a run still waiting in the queue: it ends at once, killed, and no node starts it", async () => {
    process.env.HIVEBOARD_DEMO_PACE_MS = "40";
    const busy = await startedRun(projectId, "Keeps the node busy");
    const waiting = await startedRun(projectId, "Stopped while queued");
    await waitFor("the first run to start", async () => (await runRow(busy)).status === "running");
    expect(await controlRun(manager, { runId: waiting }, "stop")).toEqual({
      ok: true,
      data: { runId: waiting },
    });
    const stopped = await ended(waiting);
    expect(stopped).toMatchObject({
      status: "killed",
      error: "Stopped by a person.",
      startedAt: null,
    });
    expect((await ended(busy)).status).toBe("completed");
    expect((await events(waiting)).some((e) => e.kind === "prompt")).toBe(false);
    process.env.HIVEBOARD_DEMO_PACE_MS = "15";
  });

  it("a follow-up taken from the queue starts with the message it was started with, in the same session", async () => {
    const first = await ended(await startedRun(projectId, "Follow-up through the queue"));
    const sent = await sendFeedback(manager, {
      runId: first.id,
      message: "Also add a changelog entry",
      mode: "send",
      clientKey: "queue-followup-1",
    });
    if (!sent.ok) throw new Error(sent.message);
    const followUp = await ended(sent.data.runId);
    expect(followUp).toMatchObject({
      status: "completed",
      sessionId: first.sessionId,
      parentRunId: first.id,
    });
    const prompt = (await events(followUp.id)).find((e) => e.kind === "prompt")!.data as {
      text: string;
    };
    expect(prompt.text).toContain("Also add a changelog entry");
  });
});

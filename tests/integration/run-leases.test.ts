// Which node holds a run: leases renewed while the agent lives, taken over when they lapse, and
// a graceful drain that hands resumable runs on — the real demo agent, the real database.
import { describe, expect, it } from "vitest";
import { claimRun, drainRuns, renewLeases, resumeTakingRuns } from "@/lib/run-engine/leases";
import { drainMailbox as reconcileControl } from "@/lib/run-engine";
import { liveRuns, NODE_ID } from "@/lib/run-engine";
import { reconcileRuns } from "@/lib/run-engine";
import { freshDb } from "../setup/db";
import {
  demoProjectId,
  ended,
  events,
  freshEpic,
  runRow,
  seqsInOrder,
  startedRun,
  turnsTaken,
  waitFor,
} from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
process.env.HIVEBOARD_DEMO_FAULT = "no-approval";

const crashed = async (title: string, lease: Date | null, owner = "node-elsewhere") =>
  db.run.create({
    data: {
      projectId,
      epicId: await freshEpic(projectId, title),
      phase: "ANALYZER",
      runner: "demo",
      workflow: "architect",
      maxTurns: 30,
      timeoutSec: 600,
      status: "running",
      ownerId: owner,
      leaseUntil: lease,
      startedAt: new Date(),
      sessionId: "5f1b7c7e-0000-4000-8000-00000000000a",
      lastSeq: 0,
    },
  });

describe("run leases", () => {
  it("a run whose node still renews its lease is left alone; once the lease lapses, one node takes it over", async () => {
    const held = await crashed("Held elsewhere", new Date(Date.now() + 60_000));
    const lapsed = await crashed("Lapsed lease", new Date(Date.now() - 1000));
    const swept = await reconcileRuns();
    expect(swept.resumed).toContain(lapsed.id);
    expect(swept.resumed).not.toContain(held.id);
    expect(await runRow(held.id)).toMatchObject({ status: "running", ownerId: "node-elsewhere" });
    const resumed = await ended(lapsed.id);
    expect(resumed.status).toBe("completed");
    expect(await seqsInOrder(lapsed.id)).toBe(true);
    await db.run.update({ where: { id: held.id }, data: { status: "failed", ownerId: null } });
  });

  it("of two nodes claiming the same orphan, exactly one wins", async () => {
    const orphan = await crashed("Contested", null, "node-gone");
    const wins = await Promise.all([claimRun(orphan.id), claimRun(orphan.id), claimRun(orphan.id)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await runRow(orphan.id)).toMatchObject({ ownerId: NODE_ID });
    await db.run.update({ where: { id: orphan.id }, data: { status: "failed", ownerId: null } });
  });

  it("a live run's lease is renewed while its agent works", async () => {
    process.env.HIVEBOARD_DEMO_PACE_MS = "120";
    const runId = await startedRun(projectId, "Renewed");
    await waitFor("running", async () => (await runRow(runId)).status === "running");
    const before = (await runRow(runId)).leaseUntil!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await renewLeases()).toBeGreaterThanOrEqual(1);
    expect((await runRow(runId)).leaseUntil!.getTime()).toBeGreaterThan(before.getTime());
    expect((await runRow(runId)).ownerId).toBe(NODE_ID);
    await ended(runId);
    process.env.HIVEBOARD_DEMO_PACE_MS = "15";
  });

  it("SIGTERM drain hands a resumable run on: another sweep resumes its session; no event lost or doubled", async () => {
    process.env.HIVEBOARD_DEMO_PACE_MS = "120";
    const runId = await startedRun(projectId, "Handed over");
    await turnsTaken(runId, 2);
    const drained = await drainRuns(5000);
    expect(drained).toEqual({ handedOver: [runId], unfinished: [] });
    expect(liveRuns.has(runId)).toBe(false);
    expect(await runRow(runId)).toMatchObject({
      status: "running",
      ownerId: null,
      leaseUntil: null,
    });
    const note = (await events(runId)).at(-1)!;
    expect(note).toMatchObject({
      kind: "status",
      data: {
        status: "running",
        note: "This node is shutting down: another node continues the run",
      },
    });
    // A draining node takes nothing; another (here: this one, back in service) does.
    expect(await reconcileRuns()).toEqual({ resumed: [], failed: [], queued: [] });
    resumeTakingRuns();
    expect((await reconcileRuns()).resumed).toEqual([runId]);
    const done = await ended(runId);
    expect(done.status).toBe("completed");
    expect(await seqsInOrder(runId)).toBe(true);
    const texts = (await events(runId))
      .filter((e) => e.kind === "status")
      .map((e) => (e.data as { note?: string }).note)
      .filter(Boolean);
    expect(texts).toContain("Resumed on another node");
    process.env.HIVEBOARD_DEMO_PACE_MS = "15";
  });
});

describe("run control when a message is lost", () => {
  it("queued feedback and an answered approval that never reached the agent are applied from the database, once", async () => {
    delete process.env.HIVEBOARD_DEMO_FAULT; // the agent asks before running the tests
    process.env.HIVEBOARD_DEMO_PACE_MS = "60";
    const runId = await startedRun(projectId, "Lost messages");
    await turnsTaken(runId, 1);
    // As if another node had written these and its message to this node got lost:
    const feedback = await db.feedback.create({
      data: {
        runId,
        clientKey: "lost-message-0001",
        message: "Keep the API stable",
        mode: "send",
        authorLabel: "Node B",
      },
    });
    const approval = await waitFor("the approval", () =>
      db.decision.findFirst({ where: { runId, source: "tool_approval", status: "open" } }),
    );
    await db.decision.update({
      where: { id: approval.id },
      data: {
        status: "answered",
        answerOption: "allow",
        answeredByLabel: "Node B",
        answeredAt: new Date(),
      },
    });
    expect((await runRow(runId)).status).toBe("waiting");
    expect(await reconcileControl()).toBe(2);
    expect(await reconcileControl()).toBe(0); // once
    const done = await ended(runId);
    expect(done.status).toBe("completed");
    expect((await db.feedback.findUniqueOrThrow({ where: { id: feedback.id } })).status).toBe(
      "acknowledged",
    );
    expect(await seqsInOrder(runId)).toBe(true);
    process.env.HIVEBOARD_DEMO_PACE_MS = "15";
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
  });

  it("a stop asked on another node whose message never arrived is applied from the database, once", async () => {
    process.env.HIVEBOARD_DEMO_PACE_MS = "120";
    const runId = await startedRun(projectId, "Lost stop");
    await turnsTaken(runId, 1);
    await db.run.update({ where: { id: runId }, data: { stopRequested: "kill" } });
    expect(await reconcileControl()).toBe(1);
    expect(await reconcileControl()).toBe(0);
    expect(await ended(runId)).toMatchObject({ status: "killed", error: "Stopped by a person." });
    expect(await seqsInOrder(runId)).toBe(true);
    process.env.HIVEBOARD_DEMO_PACE_MS = "15";
  });
});

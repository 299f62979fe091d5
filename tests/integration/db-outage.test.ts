// The database out of reach for a while (PostgreSQL restarting, a network cut): a live run goes on,
// its events wait on the node and are written, once each and in order, when the database is back.
// If another node took the run over meanwhile, this node's copy stops and writes nothing more.
import { cutDatabase, directDatabaseUrl, restoreDatabase } from "../setup/pg-proxy";
import { describe, expect, it } from "vitest";
import { isTransientDbError, retryDb } from "@/lib/db/retry";
import { GET as healthGET } from "@/app/api/health/route";
import { sendFeedback } from "@/lib/run-engine";
import { liveRuns } from "@/lib/run-engine";
import { renewLeases } from "@/lib/run-engine/leases";
import { freshDb, manager } from "../setup/db";
import {
  demoProjectId,
  ended,
  events,
  runRow,
  seqsInOrder,
  startedRun,
  turnsTaken,
  waitFor,
} from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("database outages", () => {
  it("the health check answers 200 while the database answers (Redis not used here)", async () => {
    const up = await healthGET();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok", database: "ok", redis: "not used" });
  });

  it("a statement that is wrong fails at once: only an unreachable database is waited for", async () => {
    const runId = await startedRun(projectId, "Duplicate seq");
    await ended(runId);
    let calls = 0;
    const duplicate = retryDb("a duplicate event", async () => {
      calls++;
      return db.runEvent.create({ data: { runId, seq: 1, kind: "log", data: {} } });
    });
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
    expect(calls).toBe(1);
    expect(isTransientDbError(await duplicate.catch((e) => e))).toBe(false);
  });

  describe.skipIf(!directDatabaseUrl)("PostgreSQL", () => {
    it("goes away mid-run and comes back: the run goes on and completes, every event once and in order", async () => {
      process.env.HIVEBOARD_DEMO_PACE_MS = "40";
      const runId = await startedRun(projectId, "Outage mid-run");
      await turnsTaken(runId, 1);
      const sent = await sendFeedback(manager, {
        runId,
        message: "Keep going",
        mode: "send",
        clientKey: "outage-feedback-1",
      });
      expect(sent.ok).toBe(true);
      await waitFor(
        "the feedback to be acknowledged",
        async () =>
          (await db.feedback.findFirst({ where: { clientKey: "outage-feedback-1" } }))?.status ===
          "acknowledged",
      );
      const before = (await runRow(runId)).lastSeq;

      await cutDatabase();
      await pause(1500); // the agent goes on meanwhile
      await expect(db.run.count()).rejects.toSatisfy(isTransientDbError);
      // A load balancer asking now is told this node cannot serve, and why.
      const down = await healthGET();
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", database: "unreachable" });
      await restoreDatabase();
      await waitFor(
        "the health check to pass again",
        async () => (await healthGET()).status === 200,
      );

      const done = await ended(runId);
      expect(done.status).toBe("completed");
      expect(done.lastSeq).toBeGreaterThan(before);
      expect(await seqsInOrder(runId)).toBe(true);
      expect(
        (await db.feedback.findFirstOrThrow({ where: { clientKey: "outage-feedback-1" } })).status,
      ).toBe("acknowledged");
      process.env.HIVEBOARD_DEMO_PACE_MS = "15";
    }, 90_000); // an outage, a reconnect and a whole demo run: a generous bound on a busy machine

    it("another node took the run over during the outage: this node's copy stops and writes nothing more", async () => {
      process.env.HIVEBOARD_DEMO_PACE_MS = "40";
      const runId = await startedRun(projectId, "Taken over");
      await turnsTaken(runId, 1);

      await cutDatabase();
      // Meanwhile, on the database side, the lease lapsed and another node claimed the run.
      const { Client } = await import("pg");
      const other = new Client({ connectionString: directDatabaseUrl! });
      other.on("error", () => undefined);
      await other.connect();
      await other.query(
        `UPDATE "Run" SET "ownerId" = 'node-other', "leaseUntil" = now() + interval '1 minute' WHERE id = $1`,
        [runId],
      );
      const { rows } = await other.query(
        `SELECT max(seq) AS seq FROM "RunEvent" WHERE "runId" = $1`,
        [runId],
      );
      await pause(500);
      await restoreDatabase();

      await waitFor("this node to let go of the run", async () => !liveRuns.has(runId));
      await pause(300);
      expect(await runRow(runId)).toMatchObject({ status: "running", ownerId: "node-other" });
      expect((await events(runId)).at(-1)!.seq).toBe(rows[0].seq);
      expect(await renewLeases()).toBe(0);
      await other.query(`UPDATE "Run" SET status = 'failed', "ownerId" = NULL WHERE id = $1`, [
        runId,
      ]);
      await other.end();
      process.env.HIVEBOARD_DEMO_PACE_MS = "15";
    });
  });
});

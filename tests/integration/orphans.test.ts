// kill -9 of the process that runs agents leaves their process groups running. The run records its
// agent's group and machine; the node that takes the run over ends the leftover (after checking it
// is that run's agent), then fails or resumes the run as usual.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";

// This process only queues runs: a worker process executes them, and is killed mid-run.
process.env.HIVEBOARD_RUNS = "workers";
process.env.HIVEBOARD_LEASE_MS = "2000";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
let worker: ChildProcess | null = null;
const agents: number[] = [];
afterAll(() => {
  worker?.kill("SIGKILL");
  for (const pid of agents) if (alive(pid)) process.kill(-pid, "SIGKILL");
});

function startWorker(env: Record<string, string> = {}) {
  worker = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/worker.ts"],
    {
      env: { ...process.env, HIVEBOARD_RUNS: "here", HIVEBOARD_SWEEP_MS: "200", ...env },
      stdio: "ignore",
    },
  );
  return worker;
}

describe("agents a killed server leaves behind", () => {
  it("are ended by the node that takes their run over", async () => {
    const { freshDb, manager } = await import("../setup/db");
    const { demoProjectId, ended, freshEpic, waitFor } = await import("../setup/runs");
    const { startRun, reconcileRuns } = await import("@/lib/run-engine");
    const db = await freshDb();
    const projectId = await demoProjectId();
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { runner: "command", command: "sleep 600" },
    });
    const r = await startRun(manager, {
      epicId: await freshEpic(projectId, "Outlives its server"),
    });
    const runId = r.ok ? r.data.runId : "";

    startWorker();
    const run = await waitFor(
      "the worker to start the agent",
      async () => {
        const row = await db.run.findUniqueOrThrow({ where: { id: runId } });
        return row.agentPid ? row : null;
      },
      60_000,
    );
    const pid = run.agentPid!;
    agents.push(pid);
    expect(alive(pid)).toBe(true);

    worker!.kill("SIGKILL");
    await new Promise((resolve) => worker!.once("exit", resolve));
    // The server is gone; its agent is not.
    expect(alive(pid)).toBe(true);

    // Its lease lapses; this node sweeps, ends the leftover, and fails the run (a command cannot resume).
    const swept = await waitFor(
      "the lease to lapse and the sweep to take the run",
      async () => {
        const s = await reconcileRuns();
        return s.failed.includes(runId) || s.resumed.includes(runId) ? s : null;
      },
      30_000,
    );
    expect(swept.failed).toContain(runId);
    await waitFor("the leftover agent to be gone", async () => !alive(pid), 10_000);
    expect((await ended(runId)).status).toBe("failed");
  });

  it("end with the node that drains on SIGTERM, within its bound", async () => {
    const { manager } = await import("../setup/db");
    const { demoProjectId, freshEpic, waitFor } = await import("../setup/runs");
    const { getDb } = await import("@/lib/db/client");
    const { startRun } = await import("@/lib/run-engine");
    const db = getDb();
    const projectId = await demoProjectId();
    const r = await startRun(manager, { epicId: await freshEpic(projectId, "Drained away") });
    const runId = r.ok ? r.data.runId : "";
    const node = startWorker({ HIVEBOARD_DRAIN_MS: "1000" });
    const pid = (await waitFor(
      "the worker to start the agent",
      async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).agentPid,
      60_000,
    ))!;
    agents.push(pid);
    const began = Date.now();
    const exited = new Promise<number | null>((resolve) => node.once("exit", resolve));
    node.kill("SIGTERM");
    await exited;
    // 1 s of drain, then the agent is ended with its node (bound: the drain + 5 s).
    expect(Date.now() - began).toBeLessThan(6000 + 4000);
    await waitFor("the agent to be gone", async () => !alive(pid), 10_000);
  });
});

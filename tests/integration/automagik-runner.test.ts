// The automagik runner against a local HTTP server that implements the documented Automagik
// workflows API (start, status, add-message, kill) — including being down, then up.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAutomagikServer } from "@/lib/services/project-settings";
import { controlRun, sendFeedback, startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();

/** The fake Automagik server: each status poll advances a run by a turn, until `turnsToFinish`. */
const remote = {
  runs: new Map<
    string,
    {
      workflow: string;
      body: Record<string, unknown>;
      polls: number;
      killed: boolean;
      messages: string[];
    }
  >(),
  keys: [] as (string | undefined)[],
  failStarts: 0,
  turnsToFinish: 3,
  fail: false,
  /** As real servers answer a failed workflow: status completed, result.success false. */
  failInside: false,
};
let server: Server;
let url = "";
const json = (res: import("node:http").ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
const read = async (req: IncomingMessage) => {
  let s = "";
  for await (const c of req) s += c;
  return s ? JSON.parse(s) : {};
};
beforeAll(async () => {
  server = createServer(async (req, res) => {
    remote.keys.push(req.headers["x-api-key"] as string | undefined);
    const path = new URL(req.url!, "http://x").pathname.replace(
      "/api/v1/workflows/claude-code",
      "",
    );
    let m: RegExpMatchArray | null;
    if (req.method === "POST" && (m = path.match(/^\/run\/([^/]+)$/))) {
      if (remote.failStarts > 0) {
        remote.failStarts--;
        return json(res, 503, { detail: "Service starting up" });
      }
      const id = `remote-${remote.runs.size + 1}`;
      remote.runs.set(id, {
        workflow: m[1],
        body: await read(req),
        polls: 0,
        killed: false,
        messages: [],
      });
      return json(res, 200, {
        run_id: id,
        status: "pending",
        message: "started",
        session_id: `sess-${id}`,
        workflow_name: m[1],
        started_at: new Date().toISOString(),
        tracking_info: { unknown: true },
      });
    }
    const run = (m = path.match(/^\/run\/([^/]+)\//)) ? remote.runs.get(m[1]) : undefined;
    if (!run) return json(res, 404, { detail: "Run not found" });
    if (path.endsWith("/status")) {
      run.polls++;
      const done = run.killed
        ? "killed"
        : run.polls > remote.turnsToFinish
          ? remote.fail
            ? "failed"
            : "completed"
          : "running";
      return json(res, 200, {
        run_id: m![1],
        status: done,
        workflow_name: run.workflow,
        session_id: `sess-${m![1]}`,
        some_new_field: { nested: 1 },
        progress: {
          turns: Math.min(run.polls, remote.turnsToFinish),
          max_turns: 30,
          is_running: done === "running",
          current_phase: done === "completed" && remote.failInside ? "failed" : "implementation",
        },
        metrics: {
          cost_usd: 0.01 * run.polls,
          tokens: {
            total: 350 * run.polls,
            input: 200 * run.polls,
            output: 100 * run.polls,
            cache_created: 30 * run.polls,
            cache_read: 20 * run.polls,
          },
          tools_used: ["Read"],
        },
        result: {
          success: done === "completed" && !remote.failInside,
          message:
            done === "running"
              ? `Running - Turn ${run.polls}`
              : remote.failInside
                ? "Claude CLI process exited with code 1"
                : `Workflow ${done}`,
          final_output: done === "completed" && !remote.failInside ? "Implemented remotely." : null,
        },
      });
    }
    if (path.endsWith("/add-message")) {
      run.messages.push((await read(req)).content);
      return json(res, 200, { success: true });
    }
    if (path.endsWith("/kill")) {
      run.killed = true;
      return json(res, 200, { success: true, status: "killed" });
    }
    return json(res, 404, { detail: "Not found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await db.phase.updateMany({
    where: { key: "BUILDER" },
    data: { runner: "automagik", timeoutSec: 120 },
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function builderEpic(title: string) {
  const epicId = await freshEpic(projectId, title);
  await db.epic.update({ where: { id: epicId }, data: { phase: "BUILDER" } });
  return epicId;
}

describe("the automagik runner", () => {
  it("stores the project's key encrypted, sends it, and runs a phase remotely: turns, cost, tokens, result", async () => {
    expect(
      await setAutomagikServer(manager, {
        projectId,
        url,
        apiKey: "remote-secret-key",
        clearKey: false,
      }),
    ).toMatchObject({ ok: true, data: { keySet: true } });
    const stored = (await db.project.findUniqueOrThrow({ where: { id: projectId } })).automagikKey!;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain("remote-secret-key");

    const r = await startRun(manager, { epicId: await builderEpic("Remote build") });
    const run = await ended(r.ok ? r.data.runId : "");
    expect(run).toMatchObject({
      status: "completed",
      runner: "automagik",
      turns: 3,
      resultSummary: "Implemented remotely.",
      sessionId: "sess-remote-1",
    });
    expect(run.costUsd).toBeCloseTo(0.04);
    // Input tokens count the cache too (200 + 30 + 20 per poll, 4 polls).
    expect(run.inputTokens).toBe(1000);
    const sent = remote.runs.get("remote-1")!;
    expect(sent.workflow).toBe("implement");
    expect(sent.body).toMatchObject({
      message: expect.stringContaining("Remote build"),
      max_turns: expect.any(Number),
      session_name: "Remote build",
      timeout: 120,
      input_format: "stream-json",
      repository_url: (await db.project.findUniqueOrThrow({ where: { id: projectId } })).repo,
      git_branch: expect.stringMatching(/^hiveboard\/epic-\d+-remote-build$/),
    });
    expect(new Set(remote.keys)).toEqual(new Set(["remote-secret-key"]));
    expect((await events(run.id)).filter((e) => e.kind === "turn")).toHaveLength(3);
  });

  it("a workflow the server reports completed but unsuccessful fails the run, in the server's words", async () => {
    remote.failInside = true;
    try {
      const r = await startRun(manager, { epicId: await builderEpic("Remote fails inside") });
      const run = await ended(r.ok ? r.data.runId : "");
      expect(run).toMatchObject({ status: "failed" });
      expect(run.error).toContain("Claude CLI process exited with code 1");
    } finally {
      remote.failInside = false;
    }
  });

  it("delivers feedback with add-message and kills the remote run", async () => {
    remote.turnsToFinish = 1000;
    const r = await startRun(manager, { epicId: await builderEpic("Remote steer") });
    const runId = r.ok ? r.data.runId : "";
    await waitFor(
      "a remote turn",
      async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).turns >= 1,
    );
    const fb = await sendFeedback(manager, {
      runId,
      message: "Use the v2 endpoint",
      mode: "send",
      clientKey: "remote-fb-0001",
    });
    expect(fb.ok).toBe(true);
    const remoteRun = [...remote.runs.values()].at(-1)!;
    await waitFor("the message at the remote", async () =>
      remoteRun.messages.includes("Use the v2 endpoint"),
    );
    await waitFor(
      "delivered",
      async () => (await db.feedback.findFirstOrThrow({ where: { runId } })).status !== "queued",
    );
    expect(await controlRun(manager, { runId }, "kill")).toMatchObject({ ok: true });
    expect(await ended(runId)).toMatchObject({ status: "killed" });
    expect(remoteRun.killed).toBe(true);
    remote.turnsToFinish = 3;
  });

  it("retries a server that is down, then runs; fails clearly when it stays down past the timeout", async () => {
    remote.failStarts = 2;
    const r = await startRun(manager, { epicId: await builderEpic("Remote flaky") });
    const run = await ended(r.ok ? r.data.runId : "");
    expect(run.status).toBe("completed");
    const logs = (await events(run.id))
      .filter((e) => e.kind === "log")
      .map((e) => (e.data as { line: string }).line);
    expect(logs[0]).toMatch(
      /^Automagik start: .* answered 503: Service starting up; retrying in 1 s$/,
    );

    // Nobody home, and a phase timeout shorter than the next retry: the run fails saying why.
    await setAutomagikServer(manager, {
      projectId,
      url: "http://127.0.0.1:9",
      apiKey: "",
      clearKey: false,
    });
    await db.phase.updateMany({ where: { key: "BUILDER" }, data: { timeoutSec: 2 } });
    const down = await startRun(manager, { epicId: await builderEpic("Remote down") });
    const failed = await ended(down.ok ? down.data.runId : "");
    expect(failed.status).toMatch(/failed|timed_out/);
    const errors = (await events(failed.id))
      .filter((e) => e.kind === "error")
      .map((e) => (e.data as { message: string }).message);
    expect(errors.join("\n")).toMatch(
      /Automagik start failed: cannot reach http:\/\/127\.0\.0\.1:9/,
    );
    await db.phase.updateMany({ where: { key: "BUILDER" }, data: { timeoutSec: 120 } });
  });

  it("a failed remote run fails the phase; no server configured is a clear start error", async () => {
    await setAutomagikServer(manager, { projectId, url, apiKey: "", clearKey: false });
    remote.fail = true;
    const r = await startRun(manager, { epicId: await builderEpic("Remote fails") });
    expect(await ended(r.ok ? r.data.runId : "")).toMatchObject({ status: "failed" });
    remote.fail = false;

    await setAutomagikServer(manager, { projectId, url: "", apiKey: "", clearKey: true });
    const none = await startRun(manager, { epicId: await builderEpic("Remote none") });
    const run = await ended(none.ok ? none.data.runId : "");
    expect(run.status).toBe("failed");
    expect(run.error).toContain(
      "the project has no Automagik server: set one in the project's settings",
    );
  });
});

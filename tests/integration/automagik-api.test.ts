// The Automagik-compatible run API, checked field by field against the documented shapes, through
// the real route handlers, with the real demo agent doing the work.
import { describe, expect, it } from "vitest";
import { POST as startRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/route";
import { GET as statusRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/status/route";
import { POST as addMessageRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/add-message/route";
import { POST as killRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/kill/route";
import { POST as cleanupRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/cleanup/route";
import { GET as queueRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/message-queue/route";
import { GET as runsRoute } from "@/app/api/v1/workflows/claude-code/runs/route";
import { GET as manageRoute } from "@/app/api/v1/workflows/claude-code/manage/route";
import { GET as workflowsRoute } from "@/app/api/v1/workflows/claude-code/workflows/route";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb } from "../setup/db";
import { demoProjectId, ended, waitFor } from "../setup/runs";

const db = await freshDb();
await demoProjectId();
const key = async (role: string) => {
  const k = generateKey();
  await db.apiKey.create({
    data: { name: `${role} orchestrator`, role, prefix: k.prefix, hash: k.hash },
  });
  return k.key;
};
const manager = await key("manager");
const viewer = await key("viewer");

type Handler = (
  request: Request,
  ctx?: { params: Promise<Record<string, string>> },
) => Promise<Response>;
async function call(
  handler: Handler,
  method: string,
  path: string,
  opts: {
    body?: unknown;
    name?: string;
    key?: string;
    bearer?: boolean;
    headers?: Record<string, string>;
  } = {},
) {
  const k = opts.key ?? manager;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(opts.bearer ? { authorization: `Bearer ${k}` } : { "x-api-key": k }),
    ...opts.headers,
  };
  const res = await handler(
    new Request(`http://localhost/api/v1/workflows/claude-code${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve<Record<string, string>>(opts.name ? { name: opts.name } : {}) },
  );
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
// As the real (Python) server writes times: naive UTC, to the second or to the microsecond.
const SECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
const MICRO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);

describe("Automagik-compatible API /api/v1/workflows/claude-code", () => {
  it("lists the workflows at /manage (a bare list, as the real server) and /workflows", async () => {
    const manage = await call(manageRoute, "GET", "/manage");
    expect(Array.isArray(manage.body)).toBe(true);
    expect((manage.body as unknown as { name: string; path: string }[])[1]).toMatchObject({
      name: "implement",
      path: "/workflows/implement",
      valid: true,
      phase: "BUILDER",
    });
    for (const route of [workflowsRoute]) {
      const { status, body } = await call(route, "GET", "/workflows");
      expect(status).toBe(200);
      expect(body.workflows.map((w: { name: string }) => w.name)).toEqual([
        "architect",
        "implement",
        "test",
        "review",
        "deploy",
      ]);
      expect(body.workflows[1]).toEqual({
        name: "implement",
        phase: "BUILDER",
        description: expect.any(String),
        valid: true,
        runner: expect.any(String),
        max_turns: expect.any(Number),
        timeout: expect.any(Number),
      });
    }
  });

  it("runs a workflow to completion: start → status → runs list, on the board under session_name", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const start = await call(startRoute, "POST", "/run/implement", {
      name: "implement",
      bearer: true,
      body: {
        message: "Add a health endpoint",
        max_turns: 12,
        session_name: "Health endpoint",
        user_id: "genie",
        git_branch: "feat/health",
        timeout: 600,
        input_format: "text",
        unknown_field: "tolerated",
      },
    });
    expect(start.status).toBe(200);
    expect(start.body).toEqual({
      run_id: expect.any(String),
      status: "pending",
      message: expect.stringContaining("implement"),
      session_id: expect.any(String),
      workflow_name: "implement",
      started_at: SECOND,
      auto_commit_sha: null,
      pr_url: null,
      merge_sha: null,
    });
    const runId = start.body.run_id as string;

    // On the board: an epic named by session_name, in the workflow's phase, with the run's limits.
    const epic = await db.epic.findUniqueOrThrow({ where: { id: start.body.session_id } });
    expect(epic).toMatchObject({ title: "Health endpoint", phase: "BUILDER" });
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      epicId: epic.id,
      phase: "BUILDER",
      maxTurns: 12,
      timeoutSec: 600,
    });

    const running = await waitFor("a turn", async () => {
      const s = await call(statusRoute, "GET", `/run/${runId}/status`, { name: runId });
      return s.body.progress.turns >= 1 && s.body.status === "running" ? s : null;
    });
    expect(running.body).toMatchObject({
      run_id: runId,
      status: "running",
      workflow_name: "implement",
      progress: { max_turns: 12, is_running: true },
      result: { success: false, completion_type: "running" },
    });

    await ended(runId);
    const done = await call(statusRoute, "GET", `/run/${runId}/status`, { name: runId });
    expect(done.body).toMatchObject({
      run_id: runId,
      status: "completed",
      workflow_name: "implement",
      session_id: epic.id,
      session_name: "Health endpoint",
      started_at: SECOND,
      completed_at: MICRO,
      progress: {
        turns: expect.any(Number),
        max_turns: 12,
        is_running: false,
        completion_percentage: 100,
        current_phase: "completed",
      },
      metrics: {
        cost_usd: expect.any(Number),
        tokens: {
          total: expect.any(Number),
          input: expect.any(Number),
          output: expect.any(Number),
        },
      },
      result: {
        success: true,
        completion_type: "completed_successfully",
        final_output: expect.any(String),
      },
    });
    expect(done.body.progress.turns).toBeGreaterThan(0);
    expect(done.body.metrics.cost_usd).toBeGreaterThan(0);

    // The same session_name lands on the same epic; session_id continues it.
    const again = await call(startRoute, "POST", "/run/test", {
      name: "test",
      body: { message: "Now test it", session_id: epic.id },
    });
    expect(again.body.session_id).toBe(epic.id);
    await ended(again.body.run_id);

    const list = await call(runsRoute, "GET", "/runs?page=1&page_size=1&workflow_name=implement");
    expect(list.body).toEqual({
      runs: [
        expect.objectContaining({
          run_id: runId,
          workflow_name: "implement",
          status: "completed",
          session_name: "Health endpoint",
          success: true,
        }),
      ],
      total_count: 1,
      page: 1,
      page_size: 1,
      has_next: false,
    });
    const all = await call(runsRoute, "GET", "/runs?page=1&page_size=1&status=completed");
    expect(all.body).toMatchObject({
      total_count: 2,
      has_next: true,
      runs: [{ run_id: again.body.run_id }],
    });
    expect(
      (await call(runsRoute, "GET", "/runs?page=2&page_size=1&status=completed")).body.runs[0]
        .run_id,
    ).toBe(runId);

    const cleaned = await call(cleanupRoute, "POST", `/run/${runId}/cleanup`, { name: runId });
    expect(cleaned.body).toEqual({
      success: true,
      run_id: runId,
      workflow_name: "implement",
      cleanup_time: MICRO,
      cleanup_duration_ms: expect.any(Number),
      cleanup_details: expect.objectContaining({ workspace_removed: true }),
      message: expect.any(String),
      cleaned: true,
    });
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("add-message reaches the running agent, shows in the message queue; kill ends the run", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const start = await call(startRoute, "POST", "/run/architect", {
      name: "architect",
      // It asks a decision and waits for it (the demo agent does when its task mentions one): the
      // run is still going, however fast the machine, when the message and the kill arrive.
      body: { message: "Plan the search feature: a decision on the index", session_name: "Search" },
    });
    const runId = start.body.run_id as string;
    await waitFor(
      "a turn",
      async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).turns >= 1,
    );
    const sent = await call(addMessageRoute, "POST", `/run/${runId}/add-message`, {
      name: runId,
      body: { message_type: "user", content: "Keep it to one index" },
      headers: { "idempotency-key": "orchestrator-msg-0001" },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      success: true,
      message: "Message added to queue",
      queue_size: expect.any(Number),
      run_id: runId,
      queue_stats: { run_id: runId, total_added: 1 },
      message_id: expect.any(String),
      duplicate: false,
    });
    const repeat = await call(addMessageRoute, "POST", `/run/${runId}/add-message`, {
      name: runId,
      body: { content: "Keep it to one index" },
      headers: { "idempotency-key": "orchestrator-msg-0001" },
    });
    expect(repeat.body).toMatchObject({ message_id: sent.body.message_id, duplicate: true });
    const queue = await call(queueRoute, "GET", `/run/${runId}/message-queue`, { name: runId });
    expect(queue.body).toMatchObject({
      success: true,
      run_id: runId,
      queue_stats: { run_id: runId, total_added: 1 },
      messages: [
        {
          id: sent.body.message_id,
          message_type: "user",
          content: "Keep it to one index",
          created_at: MICRO,
        },
      ],
    });
    expect(queue.body.messages).toHaveLength(1);

    const killed = await call(killRoute, "POST", `/run/${runId}/kill`, { name: runId });
    expect(killed.body).toEqual({
      success: true,
      run_id: runId,
      workflow_name: "architect",
      killed_at: MICRO,
      kill_method: "force",
      kill_duration_ms: expect.any(Number),
      cleanup_status: expect.any(Object),
      message: expect.any(String),
      status: "killed",
    });
    await ended(runId);
    expect(
      (await call(statusRoute, "GET", `/run/${runId}/status`, { name: runId })).body,
    ).toMatchObject({ status: "killed", result: { success: false } });
    expect((await call(killRoute, "POST", `/run/${runId}/kill`, { name: runId })).status).toBe(409);
    // Like the real server: an ended run takes no message.
    const late = await call(addMessageRoute, "POST", `/run/${runId}/add-message`, {
      name: runId,
      body: { message_type: "user", content: "Too late" },
    });
    expect(late).toMatchObject({
      status: 400,
      body: { detail: "Cannot add messages to workflow in killed state" },
    });
    const badType = await call(addMessageRoute, "POST", `/run/${runId}/add-message`, {
      name: runId,
      body: { message_type: "robot", content: "x" },
    });
    expect(badType).toMatchObject({
      status: 400,
      body: { detail: "message_type must be 'user' or 'system'" },
    });
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("refuses bad input, unknown workflows and runs, and roles that may not, writing nothing", async () => {
    const before = await Promise.all([db.epic.count(), db.run.count()]);
    const bad = await call(startRoute, "POST", "/run/implement", {
      name: "implement",
      body: { max_turns: 500, timeout: 5 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual({
      message: "message is required: the task for the agent",
      max_turns: "max_turns is at most 200",
      timeout: "timeout is at least 60 seconds",
    });
    expect(bad.body.detail).toBe(bad.body.error.message);
    const unknown = await call(startRoute, "POST", "/run/nope", {
      name: "nope",
      body: { message: "x" },
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: {
        error: { code: "workflow-not-found" },
        detail: expect.stringContaining("Available: architect, implement"),
      },
    });
    expect(
      (
        await call(startRoute, "POST", "/run/implement", {
          name: "implement",
          key: viewer,
          body: { message: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(startRoute, "POST", "/run/implement", {
          name: "implement",
          key: "hb_wrong",
          body: { message: "x" },
        })
      ).status,
    ).toBe(401);
    expect(
      (await call(statusRoute, "GET", "/run/missing/status", { name: "missing" })).status,
    ).toBe(404);
    expect((await call(runsRoute, "GET", "/runs?page=0&status=weird")).body.error.details).toEqual({
      page: "page starts at 1",
      status: "status is one of pending, running, completed, failed, killed",
    });
    expect(await Promise.all([db.epic.count(), db.run.count()])).toEqual(before);
  });
});

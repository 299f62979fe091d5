// The MCP server as orchestrators use it: the official TypeScript client over Streamable HTTP,
// against the real route handler on a real port, the real demo agent doing the runs.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { POST as mcpRoute } from "@/app/api/mcp/route";
import { generateKey } from "@/lib/auth/api-keys";
import { answerDecision } from "@/lib/services/decisions";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager as managerActor } from "../setup/db";
import { serveRoute } from "../setup/http-route";
import { demoProjectId, ended, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const server = serveRoute(mcpRoute);

async function keyFor(role: string, runId?: string) {
  const k = generateKey();
  await db.apiKey.create({
    data: { name: `${role} mcp`, role, prefix: k.prefix, hash: k.hash, runId: runId ?? null },
  });
  return k.key;
}
async function connect(key: string) {
  const client = new Client({ name: "contract-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url()}/api/mcp`), {
      requestInit: { headers: { "x-api-key": key } },
    }),
  );
  return client;
}
type ToolResult = {
  isError?: boolean;
  structuredContent?: Record<string, any>;
  content: { type: string; text: string }[];
};
const call = async (
  client: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: { progress: number; total?: number; message?: string }) => void,
) =>
  (await client.callTool(
    { name, arguments: args },
    undefined,
    onprogress ? { onprogress, resetTimeoutOnProgress: true } : undefined,
  )) as ToolResult;

const manager = await keyFor("manager");
const viewer = await keyFor("viewer");

describe("MCP server /api/mcp", () => {
  it("lists its tools to a keyed client and refuses a client without a key", async () => {
    const client = await connect(manager);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        "comment_on_line",
        "create_epic",
        "get_diff",
        "get_run_status",
        "list_runs",
        "list_workflows",
        "merge_epic",
        "open_pull_request",
        "report_metric",
        "request_decision",
        "resolve_conflicts",
        "review_epic",
        "run_workflow",
        "search_patterns",
        "send_comments",
        "send_feedback",
        "store_pattern",
        "sync_pull_request",
        "update_todos",
      ].sort(),
    );
    expect(tools.find((t) => t.name === "run_workflow")!.inputSchema.required).toEqual([
      "workflow",
      "message",
    ]);
    await client.close();
    await expect(connect("hb_wrong")).rejects.toThrow();
  });

  it("run_workflow waits with progress notifications and returns the finished run", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const client = await connect(manager);
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await call(
      client,
      "run_workflow",
      {
        workflow: "architect",
        message: "Plan the export feature",
        session_name: "Export over MCP",
        max_turns: 20,
        wait: true,
      },
      (p) => progress.push(p),
    );
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      status: "completed",
      workflow_name: "architect",
      session_name: "Export over MCP",
      progress: { is_running: false, max_turns: 20 },
      result: { success: true },
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({
      total: 20,
      message: expect.stringMatching(/^running: /),
    });
    expect(progress.map((p) => p.progress)).toEqual(
      [...progress.map((p) => p.progress)].sort((a, b) => a - b),
    );

    const status = await call(client, "get_run_status", {
      run_id: result.structuredContent!.run_id,
    });
    expect(status.structuredContent).toMatchObject({
      run_id: result.structuredContent!.run_id,
      status: "completed",
    });
    const runs = await call(client, "list_runs", { workflow_name: "architect" });
    expect(runs.structuredContent!.runs[0]).toMatchObject({
      run_id: result.structuredContent!.run_id,
      session_name: "Export over MCP",
    });
    const workflows = await call(client, "list_workflows", {});
    expect(workflows.structuredContent!.workflows.map((w: { name: string }) => w.name)).toContain(
      "implement",
    );
    await client.close();
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("request_decision returns the answer when it comes, or the id when asked not to wait", async () => {
    const client = await connect(manager);
    const epicId = await freshEpic(projectId, "Decided over MCP");
    const options = [
      { key: "pg", label: "PostgreSQL" },
      { key: "sqlite", label: "SQLite" },
    ];
    const noWait = await call(client, "request_decision", {
      title: "Which database?",
      options,
      epic_id: epicId,
      wait: false,
    });
    expect(noWait.structuredContent).toEqual({ decisionId: expect.any(String) });
    expect(
      await db.decision.findUniqueOrThrow({ where: { id: noWait.structuredContent!.decisionId } }),
    ).toMatchObject({ status: "open", title: "Which database?", epicId });

    const waiting = call(client, "request_decision", {
      title: "Ship on Friday?",
      options: [
        { key: "yes", label: "Yes" },
        { key: "no", label: "No" },
      ],
      recommendation: { option: "no", why: "Nobody on call" },
      epic_id: epicId,
    });
    const open = await waitFor("the card", () =>
      db.decision.findFirst({ where: { title: "Ship on Friday?", status: "open" } }),
    );
    await answerDecision(managerActor, {
      decisionId: open.id,
      option: "no",
      comment: "Monday",
      clientKey: "mcp-answer-0001",
    });
    expect((await waiting).structuredContent).toMatchObject({
      decision_id: open.id,
      status: "answered",
      option: "no",
      label: "No",
      comment: "Monday",
      answered_by: "Mia Manager",
    });

    const bad = await call(client, "request_decision", {
      title: "x",
      options: [{ key: "a", label: "A" }],
      epic_id: epicId,
    });
    expect(bad.isError).toBe(true);
    expect(bad.content[0].text).toContain("Give 2 to 6 options");
    await client.close();
  });

  it("todos, patterns and metrics; a viewer may read but not write", async () => {
    const client = await connect(manager);
    const epicId = await freshEpic(projectId, "Todos over MCP");
    const todos = await call(client, "update_todos", {
      epic_id: epicId,
      todos: [{ content: "Write tests" }, { content: "Ship", status: "in_progress" }],
    });
    expect(todos.structuredContent!.todos).toMatchObject([
      { content: "Write tests", status: "pending" },
      { content: "Ship", status: "in_progress" },
    ]);
    await call(client, "update_todos", {
      epic_id: epicId,
      todos: [{ content: "Write tests", status: "completed" }],
    });
    expect(
      await db.todo.findMany({
        where: { epicId },
        orderBy: { position: "asc" },
        select: { content: true, status: true },
      }),
    ).toEqual([
      { content: "Write tests", status: "completed" },
      { content: "Ship", status: "in_progress" },
    ]);

    expect(
      (
        await call(client, "store_pattern", {
          name: "Saga over MCP",
          description: "Compensate each step",
          tags: ["distributed"],
        })
      ).isError,
    ).toBeFalsy();
    expect(
      (
        await call(client, "search_patterns", { query: "compensate" })
      ).structuredContent!.patterns.map((p: { name: string }) => p.name),
    ).toEqual(["Saga over MCP"]);
    expect((await call(client, "store_pattern", { name: "x" })).content[0].text).toContain(
      "Name the pattern",
    );
    expect(
      (await call(client, "report_metric", { epic_id: epicId, name: "coverage", value: 81 }))
        .isError,
    ).toBeFalsy();
    expect(await db.metricSample.findFirst({ where: { epicId, name: "coverage" } })).toMatchObject({
      value: 81,
      runId: null,
    });
    await client.close();

    const reader = await connect(viewer);
    expect(
      (await call(reader, "search_patterns", { query: "saga" })).structuredContent!.patterns,
    ).toHaveLength(1);
    const refused = await call(reader, "create_epic", { title: "Not allowed" });
    expect(refused).toMatchObject({
      isError: true,
      content: [{ text: "Your role (viewer) may not do this (epic:create)." }],
    });
    expect(await db.epic.count({ where: { title: "Not allowed" } })).toBe(0);
    await reader.close();
  });

  it("a run's own key reaches its run only: it reports coverage and asks decisions there", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const epicId = await freshEpic(projectId, "Run key");
    const run = await db.run.create({
      data: {
        projectId,
        epicId,
        phase: "TESTER",
        runner: "demo",
        workflow: "test",
        maxTurns: 5,
        timeoutSec: 60,
        status: "running",
      },
    });
    const other = await db.run.create({
      data: {
        projectId,
        epicId: await freshEpic(projectId),
        phase: "TESTER",
        runner: "demo",
        workflow: "test",
        maxTurns: 5,
        timeoutSec: 60,
        status: "completed",
      },
    });
    const agent = await connect(await keyFor("developer", run.id));
    expect(
      (await call(agent, "report_metric", { name: "coverage", value: 74 })).isError,
    ).toBeFalsy();
    expect(await db.metricSample.findFirst({ where: { runId: run.id } })).toMatchObject({
      name: "coverage",
      value: 74,
      epicId,
      phase: "TESTER",
    });
    expect(
      (await call(agent, "report_metric", { run_id: other.id, name: "coverage", value: 1 }))
        .content[0].text,
    ).toContain("only on its own run");
    expect(
      (await call(agent, "run_workflow", { workflow: "implement", message: "escape" })).content[0]
        .text,
    ).toContain("may not use this tool");
    const asked = await call(agent, "request_decision", {
      title: "Mock the clock?",
      options: [
        { key: "y", label: "Yes" },
        { key: "n", label: "No" },
      ],
      wait: false,
    });
    expect(
      await db.decision.findUniqueOrThrow({ where: { id: asked.structuredContent!.decisionId } }),
    ).toMatchObject({ runId: run.id, epicId, source: "agent" });
    await agent.close();
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("a run Hiveboard starts gets the MCP server and its own key: the demo agent reports coverage through it", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    process.env.HIVEBOARD_INTERNAL_URL = server.url();
    const epicId = await freshEpic(projectId, "Coverage over MCP");
    await db.epic.update({ where: { id: epicId }, data: { phase: "TESTER" } });
    await db.phase.updateMany({
      where: { key: "TESTER" },
      data: {
        runner: "demo",
        promptTemplate: "Test {feature_name} and report coverage.",
        gate: {
          runSucceeded: true,
          todosCompleted: false,
          metrics: [{ name: "coverage", op: ">=", value: 70 }],
          approval: false,
        },
      },
    });
    const started = await startRun(managerActor, { epicId });
    const run = await ended(started.ok ? started.data.runId : "");
    expect(run.status).toBe("completed");
    expect(run.resultSummary).toContain("Coverage 82% reported over MCP.");
    expect(
      await db.metricSample.findMany({
        where: { runId: run.id },
        select: { name: true, value: true, phase: true },
      }),
    ).toEqual([{ name: "coverage", value: 82, phase: "TESTER" }]);
    // The key was the run's, and it is dead now the run is over.
    const keys = await db.apiKey.findMany({ where: { runId: run.id } });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ role: "developer", revokedAt: expect.any(Date) });
    // The TESTER gate read it: coverage ≥ 70% passed.
    const gate = (await db.epic.findUniqueOrThrow({ where: { id: epicId } })).lastGate as {
      checks: { name: string; passed: boolean }[];
    };
    expect(gate.checks.find((c) => /coverage/i.test(c.name))).toMatchObject({ passed: true });
    delete process.env.HIVEBOARD_INTERNAL_URL;
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });
});

describe("one door: MCP tools go through the action catalog", () => {
  it("create_epic refuses what REST refuses (empty title, unknown priority), saying what to fix, and writes nothing", async () => {
    const client = await connect(manager);
    const before = await db.epic.count();
    const empty = await call(client, "create_epic", { project: "demo", title: "  " });
    expect(empty.isError).toBe(true);
    expect(JSON.stringify(empty.content)).toMatch(/title/i);
    const badPriority = await call(client, "create_epic", {
      project: "demo",
      title: "Fine title",
      priority: "urgent-ish",
    });
    expect(badPriority.isError).toBe(true);
    expect(JSON.stringify(badPriority.content)).toMatch(/priority/i);
    expect(await db.epic.count()).toBe(before);
    const good = await call(client, "create_epic", {
      project: "demo",
      title: "Through the one door",
      priority: "high",
    });
    expect(good.isError, JSON.stringify(good.content)).toBeFalsy();
    expect(await db.epic.findFirst({ where: { title: "Through the one door" } })).toMatchObject({
      priority: "high",
    });
    await client.close();
  });
});

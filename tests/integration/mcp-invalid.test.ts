// Every MCP tool, walked with the invalid inputs REST refuses: each is refused with words that name
// what to fix, and nothing is written — the official client, the real route, a real SQLite file.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as mcpRoute } from "@/app/api/mcp/route";
import * as epicsRoute from "@/app/api/v1/epics/route";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb } from "../setup/db";
import { serveRoute } from "../setup/http-route";
import { demoProjectId, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const server = serveRoute(mcpRoute);
const epicId = await freshEpic(projectId, "MCP walk");
const k = generateKey();
await db.apiKey.create({
  data: { name: "walker", role: "manager", prefix: k.prefix, hash: k.hash },
});

const client = new Client({ name: "invalid-walk", version: "1.0.0" });
beforeAll(() =>
  client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url()}/api/mcp`), {
      requestInit: { headers: { "x-api-key": k.key } },
    }),
  ),
);
afterAll(() => client.close());

/** What a refusal said: a tool error's text, or the protocol error the client threw. */
async function refusal(name: string, args: Record<string, unknown>): Promise<string | null> {
  try {
    const r = (await client.callTool({ name, arguments: args })) as {
      isError?: boolean;
      content: { type: string; text?: string }[];
    };
    return r.isError ? r.content.map((c) => c.text ?? "").join("\n") : null;
  } catch (error) {
    return (error as Error).message;
  }
}

const counts = () =>
  Promise.all([
    db.epic.count(),
    db.todo.count(),
    db.decision.count(),
    db.pattern.count(),
    db.metricSample.count(),
    db.run.count(),
    db.feedback.count(),
    db.auditLog.count(),
  ]);

const future = new Date(Date.now() + 86_400_000).toISOString();
const options = [
  { key: "a", label: "A" },
  { key: "b", label: "B" },
];

/** [tool, arguments, what the refusal must name] — the inputs REST refuses, and their MCP twins. */
const WALK: [string, Record<string, unknown>, RegExp][] = [
  ["create_epic", { project: "demo", title: "" }, /title/i],
  ["create_epic", { project: "demo", title: "   " }, /title/i],
  ["create_epic", { project: "demo", title: "x".repeat(300) }, /title/i],
  ["create_epic", { project: "demo", title: "Fine", priority: "urgent" }, /priority/i],
  ["create_epic", { project: "demo", title: "Fine", type: "saga" }, /type/i],
  ["create_epic", { project: "nope", title: "Fine" }, /project/i],
  ["update_todos", { epic_id: epicId, todos: [] }, /todos/i],
  ["update_todos", { epic_id: epicId, todos: [{ content: "" }] }, /content|todo/i],
  ["update_todos", { epic_id: epicId, todos: [{ content: "x", status: "flying" }] }, /status/i],
  ["update_todos", { epic_id: "nope", todos: [{ content: "x" }] }, /epic/i],
  [
    "update_todos",
    { epic_id: epicId, todos: [{ content: "A fine todo" }, { content: "x", priority: "urgent" }] },
    /todos\.1\.priority/,
  ],
  ["request_decision", { epic_id: epicId, title: "", options, wait: false }, /decid|title/i],
  [
    "request_decision",
    { epic_id: epicId, title: "Pick", options: [options[0]], wait: false },
    /2 to 6 options/,
  ],
  [
    "request_decision",
    { epic_id: epicId, title: "Pick", options, recommendation: { option: "z" }, wait: false },
    /Recommend one of the options/,
  ],
  [
    "request_decision",
    { epic_id: epicId, title: "Pick", options, deadline: "2001-01-01", wait: false },
    /future/,
  ],
  [
    "request_decision",
    { epic_id: epicId, title: "Pick", options, deadline: "tomorrow", wait: false },
    /deadline|date/i,
  ],
  [
    "request_decision",
    { epic_id: "nope", title: "Pick", options, deadline: future, wait: false },
    /epic/i,
  ],
  ["search_patterns", { limit: 0 }, /limit/i],
  ["search_patterns", { limit: 1000 }, /limit/i],
  ["store_pattern", { name: "" }, /name/i],
  ["store_pattern", { name: "x".repeat(500) }, /name/i],
  ["report_metric", { name: "", value: 1, epic_id: epicId }, /name/i],
  ["report_metric", { name: "coverage", value: "high", epic_id: epicId }, /value/i],
  ["report_metric", { name: "coverage", value: 80, run_id: "nope" }, /run/i],
  ["run_workflow", { workflow: "nope", message: "Go", wait: false }, /not found|workflow/i],
  [
    "run_workflow",
    { workflow: "implement", message: "", wait: false },
    /message is required: the task for the agent/,
  ],
  [
    "run_workflow",
    { workflow: "implement", message: "Go", max_turns: 500, wait: false },
    /max_turns|turns/i,
  ],
  [
    "run_workflow",
    { workflow: "implement", message: "Go", timeout: 5, wait: false },
    /timeout is at least 60 seconds/,
  ],
  ["send_feedback", { run_id: "nope", message: "Go on" }, /run/i],
  ["send_feedback", { run_id: "nope", message: "" }, /Write a message first/],
  ["send_feedback", { run_id: "nope", message: "Go", mode: "shout" }, /Mode is send or interrupt/],
  ["get_run_status", { run_id: "nope" }, /run/i],
  ["list_runs", { status: "weird" }, /status is one of pending, running/],
  ["list_runs", { page: 0 }, /page starts at 1/],
  ["list_workflows", { project: "nope" }, /project/i],
  ["get_diff", {}, /Give run_id or epic_id/],
  ["get_diff", { run_id: "nope" }, /No run with that id/],
  [
    "comment_on_line",
    { epic_id: epicId, path: "../x", line: 1, body: "x" },
    /relative to the repository/,
  ],
  ["comment_on_line", { epic_id: epicId, path: "a.ts", line: 0, body: "x" }, /Lines count from 1/],
  [
    "comment_on_line",
    { epic_id: epicId, path: "a.ts", line: 1, body: " " },
    /Write the comment first/,
  ],
  ["comment_on_line", { epic_id: "nope", path: "a.ts", line: 1, body: "x" }, /epic/i],
  ["send_comments", { epic_id: "nope" }, /epic/i],
  ["send_comments", { epic_id: epicId, client_key: "short" }, /clientKey needs at least 8/],
  ["review_epic", { epic_id: epicId, verdict: "maybe" }, /verdict is approve or request_changes/],
  ["merge_epic", { epic_id: epicId, strategy: "octopus" }, /strategy is merge, squash or rebase/],
  ["merge_epic", { epic_id: "nope" }, /epic/i],
  ["resolve_conflicts", { epic_id: "nope" }, /epic/i],
  ["open_pull_request", { epic_id: "nope" }, /epic/i],
  ["sync_pull_request", { epic_id: "nope" }, /epic/i],
];

describe("every MCP tool refuses what REST refuses", () => {
  it("walks each tool with bad inputs: refused, the field named, nothing written", async () => {
    const { tools } = await client.listTools();
    const walked = new Set(WALK.map(([name]) => name));
    expect(tools.map((t) => t.name).filter((n) => !walked.has(n))).toEqual([]);

    const before = await counts();
    for (const [name, args, names] of WALK) {
      const said = await refusal(name, args);
      expect(said, `${name} ${JSON.stringify(args)} was accepted`).not.toBeNull();
      expect(said, `${name} ${JSON.stringify(args)}`).toMatch(names);
    }
    expect(await counts()).toEqual(before);
  });

  it("create_epic's refusal is REST's, word for word", async () => {
    const input = { title: "", priority: "urgent" };
    const rest = await epicsRoute.POST(
      new Request("http://localhost/api/v1/epics", {
        method: "POST",
        headers: { "x-api-key": k.key, "content-type": "application/json" },
        body: JSON.stringify({ projectId, type: "feature", ...input }),
      }),
    );
    const details = ((await rest.json()) as { error: { details: Record<string, string> } }).error
      .details;
    const said = await refusal("create_epic", { project: "demo", ...input });
    expect(said).toContain(details.title);
    expect(said).toContain(details.priority);
  });
});

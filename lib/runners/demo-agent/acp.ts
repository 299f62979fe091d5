// The demo agent, speaking the Agent Client Protocol (JSON-RPC over stdio) through the protocol's
// own SDK — so the acp runner is tested end to end, and shown to new users, without credentials.
// It does what the stream-json demo does, the ACP way: thought and message chunks, a plan, tool
// calls with their updates (a real file edited, reported as a diff), a permission request before
// running the tests, a DECISION NEEDED question when the epic's title asks for one, usage with a
// cost, and it honours session/cancel and session/load. Knobs (environment):
//   HIVEBOARD_DEMO_PACE_MS  pause between steps (default 700)
//   HIVEBOARD_DEMO_FAULT    auth | crash | garbage | no-load (for tests)
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import {
  agent,
  ndJsonStream,
  PROTOCOL_VERSION,
  RequestError,
  type AgentContext,
  type McpServer,
  type PlanEntry,
  type SessionUpdate,
} from "@agentclientprotocol/sdk";
import { closingSummary, demoCoverage, wantsCoverage } from "./summary";

const pace = Number(process.env.HIVEBOARD_DEMO_PACE_MS ?? 700);
const fault = process.env.HIVEBOARD_DEMO_FAULT ?? "";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Session = {
  id: string;
  cwd: string;
  mcp: McpServer[];
  /** What was said, for session/load to replay. */
  history: { role: "user" | "agent"; text: string }[];
  askedDecision: boolean;
  cancelled: boolean;
  /** Prompts taken by this process: the first is the phase's work, later ones are feedback or answers. */
  prompts: number;
};
const sessions = new Map<string, Session>();
const store = path.join(homedir(), ".hiveboard-demo-acp");
const save = (s: Session) => {
  mkdirSync(store, { recursive: true });
  writeFileSync(path.join(store, `${s.id}.json`), JSON.stringify(s.history));
};
class Cancelled extends Error {}

function turnFor(client: AgentContext, session: Session) {
  const update = (u: SessionUpdate) =>
    client.notify("session/update", { sessionId: session.id, update: u });
  const step = async () => {
    await sleep(pace);
    if (session.cancelled) throw new Cancelled();
  };
  /** A message, streamed in a few chunks as a model writes it. */
  const say = async (text: string, kind: "agent_message_chunk" | "agent_thought_chunk") => {
    const messageId = randomUUID();
    const words = text.split(/(?<= )/);
    const size = Math.ceil(words.length / 3);
    for (let i = 0; i < words.length; i += size)
      await update({
        sessionUpdate: kind,
        messageId,
        content: { type: "text", text: words.slice(i, i + size).join("") },
      });
    if (kind === "agent_message_chunk") session.history.push({ role: "agent", text });
    await step();
  };
  const plan = (entries: [string, PlanEntry["status"]][]) =>
    update({
      sessionUpdate: "plan",
      entries: entries.map(([content, status]) => ({ content, status, priority: "medium" })),
    });
  return { update, step, say, plan };
}

const PLAN = ["Understand the request", "Make the change", "Run the tests", "Summarize the work"];
const planAt = (done: number): [string, PlanEntry["status"]][] =>
  PLAN.map((p, i) => [p, i < done ? "completed" : i === done ? "in_progress" : "pending"]);

async function work(client: AgentContext, session: Session, prompt: string) {
  const { update, step, say, plan } = turnFor(client, session);
  const first = session.prompts === 1;
  const title = prompt.split("\n")[0].slice(0, 80);
  if (!first && !session.askedDecision) {
    await say(
      `Thanks, I read your feedback: “${title}”. I will take it into account.`,
      "agent_message_chunk",
    );
    return;
  }
  const answering = session.askedDecision;
  session.askedDecision = false;
  await say(`The request is about ${title}. Let me plan it.`, "agent_thought_chunk");
  await say(
    answering ? `Thanks for deciding. ${title}` : `Starting: ${title}`,
    "agent_message_chunk",
  );
  await plan(planAt(0));
  const readme = existsSync(path.join(session.cwd, "README.md")) ? "README.md" : null;
  const readId = randomUUID();
  await update({
    sessionUpdate: "tool_call",
    toolCallId: readId,
    title: `Read ${readme ?? "the project"}`,
    kind: "read",
    status: "pending",
    locations: [{ path: path.join(session.cwd, readme ?? ".") }],
    rawInput: { path: readme ?? "." },
  });
  await update({
    sessionUpdate: "tool_call_update",
    toolCallId: readId,
    status: "completed",
    content: [
      {
        type: "content",
        content: {
          type: "text",
          text: readme
            ? readFileSync(path.join(session.cwd, readme), "utf8").slice(0, 2000)
            : "(no README in this directory)",
        },
      },
    ],
  });
  await step();
  if (first && /decision/i.test(title)) {
    await say(
      "DECISION NEEDED: Store magic-link sessions as JWTs or as server sessions? - Impact: decides whether a sign-out takes effect at once\nOptions: A) JWT, B) Server sessions\nRecommendation: B because revocation is immediate",
      "agent_message_chunk",
    );
    session.askedDecision = true;
    return;
  }
  await plan(planAt(1));
  const file = "notes/acp-demo.md";
  const before = existsSync(path.join(session.cwd, file))
    ? readFileSync(path.join(session.cwd, file), "utf8")
    : null;
  const after = `${before ?? ""}# ${title}\n\nWritten by the demo agent over ACP.\n`;
  const editId = randomUUID();
  await update({
    sessionUpdate: "tool_call",
    toolCallId: editId,
    title: `Edit ${file}`,
    kind: "edit",
    status: "in_progress",
    locations: [{ path: path.join(session.cwd, file), line: 1 }],
    rawInput: { path: file },
  });
  mkdirSync(path.join(session.cwd, "notes"), { recursive: true });
  writeFileSync(path.join(session.cwd, file), after);
  await update({
    sessionUpdate: "tool_call_update",
    toolCallId: editId,
    status: "completed",
    content: [
      { type: "diff", path: path.join(session.cwd, file), oldText: before, newText: after },
    ],
  });
  await step();
  await plan(planAt(2));
  const testId = randomUUID();
  const command = { command: "npm test", description: "Run the project's tests" };
  await update({
    sessionUpdate: "tool_call",
    toolCallId: testId,
    title: "Run npm test",
    kind: "execute",
    status: "pending",
    rawInput: command,
  });
  const answer = await client.request("session/request_permission", {
    sessionId: session.id,
    toolCall: { toolCallId: testId, title: "Run npm test", kind: "execute", rawInput: command },
    options: [
      { optionId: "demo-allow", name: "Allow", kind: "allow_once" },
      { optionId: "demo-always", name: "Always allow", kind: "allow_always" },
      { optionId: "demo-reject", name: "Reject", kind: "reject_once" },
    ],
  });
  if (answer.outcome.outcome === "cancelled") throw new Cancelled();
  const allowed = answer.outcome.optionId !== "demo-reject";
  await update({
    sessionUpdate: "tool_call_update",
    toolCallId: testId,
    status: allowed ? "completed" : "failed",
    content: [
      {
        type: "content",
        content: { type: "text", text: allowed ? "12 passed, 0 failed" : "Permission denied" },
      },
    ],
  });
  await step();
  await plan(planAt(4));
  await update({
    sessionUpdate: "usage_update",
    used: 4200,
    size: 200_000,
    cost: { amount: 0.0123, currency: "USD" },
  });
  const summary = closingSummary({
    title,
    prompt,
    allowed,
    reportedOverMcp: wantsCoverage(prompt, allowed)
      ? await reportCoverage(session, demoCoverage())
      : null,
    refusal: "rejected",
  });
  await say(summary, "agent_message_chunk");
}

/** Reports a figure through the MCP server the session was given (Hiveboard's), as an agent would. */
async function reportCoverage(session: Session, value: number): Promise<boolean> {
  const server = session.mcp.find((m) => "type" in m && m.type === "http");
  if (!server || !("url" in server) || !("headers" in server)) return false;
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } =
    await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const mcp = new Client({ name: "hiveboard-demo-acp", version: "1.0.0" });
  try {
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: {
          headers: Object.fromEntries(server.headers.map((h) => [h.name, h.value])),
        },
      }),
    );
    const r = await mcp.callTool({ name: "report_metric", arguments: { name: "coverage", value } });
    return !r.isError;
  } catch {
    return false;
  } finally {
    await mcp.close().catch(() => undefined);
  }
}

const app = agent({ name: "hiveboard-demo-acp" })
  .onRequest("initialize", () => ({
    protocolVersion: PROTOCOL_VERSION,
    agentCapabilities: {
      loadSession: fault !== "no-load",
      mcpCapabilities: { http: true, sse: false },
      promptCapabilities: { image: false, audio: false, embeddedContext: false },
    },
    agentInfo: { name: "hiveboard-demo-acp", title: "Hiveboard demo agent", version: "1.0.0" },
    authMethods: [],
  }))
  .onRequest("session/new", ({ params }) => {
    if (fault === "auth")
      throw new RequestError(-32000, "Authentication required", {
        hint: "demo: set HIVEBOARD_DEMO_FAULT= to log in",
      });
    const id = `demo-acp-${randomUUID()}`;
    sessions.set(id, {
      id,
      cwd: params.cwd,
      mcp: params.mcpServers,
      history: [],
      askedDecision: false,
      cancelled: false,
      prompts: 0,
    });
    return { sessionId: id };
  })
  .onRequest("session/load", async ({ params, client }) => {
    const file = path.join(store, `${params.sessionId}.json`);
    if (!existsSync(file)) throw RequestError.resourceNotFound(params.sessionId);
    const history = JSON.parse(readFileSync(file, "utf8")) as Session["history"];
    const session: Session = {
      id: params.sessionId,
      cwd: params.cwd,
      mcp: params.mcpServers,
      history,
      askedDecision: false,
      cancelled: false,
      prompts: 0,
    };
    sessions.set(session.id, session);
    // As the protocol asks: the conversation so far, replayed as updates before the answer.
    for (const h of history)
      await client.notify("session/update", {
        sessionId: session.id,
        update: {
          sessionUpdate: h.role === "user" ? "user_message_chunk" : "agent_message_chunk",
          content: { type: "text", text: h.text },
        },
      });
    return {};
  })
  .onRequest("session/prompt", async ({ params, client }) => {
    const session = sessions.get(params.sessionId);
    if (!session) throw RequestError.resourceNotFound(params.sessionId);
    session.cancelled = false;
    session.prompts += 1;
    const text = params.prompt.map((b) => (b.type === "text" ? b.text : "")).join("\n");
    session.history.push({ role: "user", text });
    if (fault === "crash") {
      process.stderr.write("demo-acp: simulated crash\n");
      process.exit(3);
    }
    if (fault === "garbage") process.stdout.write("this is not json-rpc\n");
    try {
      await work(client, session, text);
      return { stopReason: "end_turn" as const };
    } catch (error) {
      if (error instanceof Cancelled) return { stopReason: "cancelled" as const };
      throw error;
    } finally {
      save(session);
    }
  })
  .onNotification("session/cancel", ({ params }) => {
    const session = sessions.get(params.sessionId);
    if (session) session.cancelled = true;
  });

const connection = app.connect(
  ndJsonStream(
    Writable.toWeb(process.stdout) as WritableStream<Uint8Array>,
    Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>,
  ),
);
void connection.closed.then(() => process.exit(0));

// The demo agent: a small stand-in for Claude Code that speaks exactly its stream-json protocol
// on stdin/stdout (shared/DESIGN.md), so a new user sees a live board without an API key and the
// tests drive the real claude-code runner code against a real child process.
// It reads and writes real files in its working directory. Knobs (environment):
//   HIVEBOARD_DEMO_PACE_MS  pause between steps (default 700)
//   HIVEBOARD_DEMO_STEPS    work steps per query (default 6)
//   HIVEBOARD_DEMO_FAULT    crash | garbage | exit1 | hang | no-approval | withdraw-approval | print-env | print-argv  (for tests)
// When its first prompt's first line (the epic's title, in the default prompts) mentions a decision, it asks for one the way the orchestrators do
// (a DECISION NEEDED line), ends its turn, and goes on with the answer it is sent.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { applyComments, resolveConflicts, type Edit } from "./review";
import { closingSummary, demoCoverage, wantsCoverage } from "./summary";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const maxTurns = Number(flag("--max-turns") ?? 30);
const resumed = flag("--resume");
const sessionId = resumed ?? randomUUID();
const pace = Number(process.env.HIVEBOARD_DEMO_PACE_MS ?? 700);
const steps = Number(process.env.HIVEBOARD_DEMO_STEPS ?? 6);
const fault = process.env.HIVEBOARD_DEMO_FAULT ?? "";

const emit = (obj: object) =>
  process.stdout.write(
    `${JSON.stringify({ ...obj, session_id: sessionId, uuid: randomUUID() })}\n`,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Incoming = {
  type: string;
  uuid?: string;
  message?: { content?: unknown };
  request_id?: string;
  request?: { subtype?: string };
  response?: {
    request_id?: string;
    response?: { behavior?: string; message?: string; updatedInput?: unknown };
  };
};
const userQueue: { text: string; uuid: string | null }[] = [];
// Claude Code's receipts for what the host wrote (command_lifecycle, keyed by the message's uuid).
const lifecycle = (uuid: string | null, state: "queued" | "started") =>
  uuid && emit({ type: "command_lifecycle", command_uuid: uuid, state });
/** Takes the next message in: the agent's receipt says it has started on it. */
const takeMessage = () => {
  const next = userQueue.shift()!;
  lifecycle(next.uuid, "started");
  return next.text;
};
const controlAnswers = new Map<
  string,
  (r: NonNullable<Incoming["response"]>["response"]) => void
>();
let interrupted = false;
let stdinClosed = false;
let wake: (() => void) | null = null;
const notify = () => {
  wake?.();
  wake = null;
};

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((c) =>
        c && typeof c === "object" && "text" in c ? String((c as { text: unknown }).text) : "",
      )
      .join("\n");
  return "";
}

createInterface({ input: process.stdin })
  .on("line", (line) => {
    let msg: Incoming;
    try {
      msg = JSON.parse(line);
    } catch {
      process.stderr.write(`demo-agent: ignoring a line that is not JSON\n`);
      return;
    }
    if (msg.type === "user") {
      userQueue.push({
        text: textOf(msg.message?.content),
        uuid: typeof msg.uuid === "string" ? msg.uuid : null,
      });
      lifecycle(typeof msg.uuid === "string" ? msg.uuid : null, "queued");
    } else if (msg.type === "control_response" && msg.response?.request_id)
      controlAnswers.get(msg.response.request_id)?.(msg.response.response);
    else if (msg.type === "control_request" && msg.request?.subtype === "initialize") {
      // As Claude Code answers the SDK's handshake (fields it reads; the demo needs no login).
      const response = {
        claude_code_version: "hiveboard-demo",
        account: { tokenSource: "demo" },
        models: [],
        commands: [],
      };
      process.stdout.write(
        `${JSON.stringify({ type: "control_response", response: { subtype: "success", request_id: msg.request_id, response } })}\n`,
      );
    } else if (msg.type === "control_request" && msg.request?.subtype === "interrupt") {
      interrupted = true;
      process.stdout.write(
        `${JSON.stringify({ type: "control_response", response: { subtype: "success", request_id: msg.request_id } })}\n`,
      );
    }
    notify();
  })
  .on("close", () => {
    stdinClosed = true;
    notify();
  });

const waitForInput = () => new Promise<void>((r) => (stdinClosed ? r() : (wake = r)));

let turn = 0;
let cost = 0;
let outputTokens = 0;
class Interrupted extends Error {}

/** One model round-trip: an assistant message (text and/or a tool call), maybe its tool result. */
async function assistantTurn(
  content: object[],
  toolResult?: () => Promise<{ content: string; isError?: boolean }>,
  opts: { endsQuery?: boolean } = {},
) {
  if (interrupted) throw new Interrupted();
  if (turn >= maxTurns) throw new Error("max-turns");
  turn += 1;
  cost += 0.0021;
  outputTokens += 40;
  const id = `msg_demo_${sessionId.slice(0, 8)}_${turn}`;
  emit({
    type: "assistant",
    message: {
      id,
      type: "message",
      role: "assistant",
      model: "hiveboard-demo",
      content,
      stop_reason: null,
      usage: { input_tokens: 120, output_tokens: 40 },
    },
    parent_tool_use_id: null,
  });
  const tool = content.find((c) => (c as { type: string }).type === "tool_use") as
    { id: string } | undefined;
  if (tool && toolResult) {
    const r = await toolResult();
    emit({
      type: "user",
      message: {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: tool.id,
            content: r.content,
            is_error: r.isError ?? false,
          },
        ],
      },
      parent_tool_use_id: null,
    });
  }
  await sleep(pace);
  // A turn that ends the query (a question for a person) takes nothing more in: the answer starts the next one.
  if (opts.endsQuery) return;
  // Feedback written while we worked is folded in now, between tool rounds.
  while (userQueue.length && !interrupted) {
    const note = takeMessage();
    const edits = applyComments(note, process.cwd());
    if (edits.length) await reportEdits(edits, "the review comments");
    else
      await assistantTurn([
        {
          type: "text",
          text: `Thanks, I read your feedback: “${note}”. I will take it into account from here.`,
        },
      ]);
  }
}

/** Edits already made on disk, shown as the Edit tool calls a real agent would make. */
async function reportEdits(edits: Edit[], what: string) {
  for (const e of edits)
    await assistantTurn(
      [toolUse("Edit", { file_path: e.file, old_string: e.before, new_string: e.after })],
      async () => ({ content: `Edited ${e.file}` }),
    );
  await assistantTurn([
    {
      type: "text",
      text: `I acted on ${what}: changed ${edits.map((e) => e.file).join(", ")}.`,
    },
  ]);
}

const toolUse = (name: string, input: object) => ({
  type: "tool_use",
  id: `toolu_demo_${randomUUID().slice(0, 12)}`,
  name,
  input,
});
type Todo = {
  content: string;
  status: "pending" | "in_progress" | "completed";
  activeForm: string;
};

async function askApproval(
  name: string,
  input: object,
): Promise<{ allowed: boolean; message: string }> {
  if (fault === "no-approval") return { allowed: true, message: "" };
  const requestId = randomUUID();
  const answered = new Promise<NonNullable<Incoming["response"]>["response"]>((r) =>
    controlAnswers.set(requestId, r),
  );
  process.stdout.write(
    `${JSON.stringify({ type: "control_request", request_id: requestId, request: { subtype: "can_use_tool", tool_name: name, input, description: "Run the project's tests" } })}\n`,
  );
  if (fault === "withdraw-approval") {
    // As Claude Code does when a tool call is abandoned: the prompt is withdrawn, and the tool not used.
    await sleep(pace * 3);
    process.stdout.write(
      `${JSON.stringify({ type: "control_cancel_request", request_id: requestId })}\n`,
    );
    return { allowed: false, message: "the request was withdrawn" };
  }
  while (true) {
    const race = await Promise.race([answered, waitForInput().then(() => null)]);
    if (race) return { allowed: race.behavior === "allow", message: race.message ?? "" };
    if (interrupted) throw new Interrupted();
    if (stdinClosed) return { allowed: false, message: "the host went away" };
  }
}

let decisionAsked = false;

async function runQuery(prompt: string, first: boolean) {
  const cwd = process.cwd();
  const title = prompt.split("\n")[0].slice(0, 80);
  const todos: Todo[] = [
    "Understand the request",
    "Make the change",
    "Run the tests",
    "Summarize the work",
  ].map((content) => ({
    content,
    status: "pending",
    activeForm: content.replace(/^(\w)/, (c) => c.toLowerCase()),
  }));
  const setTodo = (i: number, status: Todo["status"]) => (todos[i].status = status);
  const todoWrite = () => toolUse("TodoWrite", { todos: todos.map((t) => ({ ...t })) });

  const answering = decisionAsked;
  decisionAsked = false;
  await assistantTurn([
    {
      type: "text",
      text: answering
        ? `Thanks for deciding. ${prompt.split("\n")[0]}`
        : first && resumed
          ? `Resuming our session. Next: ${title}`
          : `Starting: ${title}`,
    },
  ]);
  setTodo(0, "in_progress");
  await assistantTurn([todoWrite()], async () => ({
    content: "Todos have been modified successfully.",
  }));
  const readme = existsSync(path.join(cwd, "README.md")) ? "README.md" : null;
  await assistantTurn(
    [
      { type: "text", text: "Let me look at the project first." },
      toolUse("Read", { file_path: readme ?? "." }),
    ],
    async () => ({
      content: readme
        ? readFileSync(path.join(cwd, readme), "utf8").slice(0, 4000)
        : "(no README in this directory)",
    }),
  );
  if (first && /decision/i.test(title) && !answering) {
    await assistantTurn(
      [
        {
          type: "text",
          text: "DECISION NEEDED: Store magic-link sessions as JWTs or as server sessions? - Impact: decides whether a sign-out takes effect at once\nOptions: A) JWT, B) Server sessions\nRecommendation: B because revocation is immediate",
        },
      ],
      undefined,
      { endsQuery: true },
    );
    decisionAsked = true;
    return "Waiting for a decision.";
  }
  setTodo(0, "completed");
  setTodo(1, "in_progress");
  await assistantTurn([todoWrite()], async () => ({
    content: "Todos have been modified successfully.",
  }));
  // Review comments or merge conflicts in the task: the change is acting on them.
  const reviewed = [...applyComments(prompt, cwd), ...resolveConflicts(prompt, cwd)];
  if (reviewed.length) await reportEdits(reviewed, "what the task pointed at");
  for (let i = 0; i < Math.max(0, steps - 4); i++) {
    const file = `notes/step-${turn}.md`;
    await assistantTurn(
      [
        toolUse("Edit", {
          file_path: file,
          old_string: "",
          new_string: `Step ${i + 1} of ${title}`,
        }),
      ],
      async () => {
        mkdirSync(path.join(cwd, "notes"), { recursive: true });
        writeFileSync(
          path.join(cwd, file),
          `# ${title}\n\nStep ${i + 1}, written by the demo agent.\n`,
        );
        return { content: `Wrote ${file}` };
      },
    );
  }
  setTodo(1, "completed");
  setTodo(2, "in_progress");
  const command = { command: "npm test", description: "Run the project's tests" };
  const approval = await askApproval("Bash", command);
  await assistantTurn(
    [{ type: "text", text: "Running the tests." }, toolUse("Bash", command)],
    async () =>
      approval.allowed
        ? { content: "12 passed, 0 failed" }
        : { content: `Permission denied: ${approval.message || "no reason given"}`, isError: true },
  );
  setTodo(2, "completed");
  setTodo(3, "completed");
  await assistantTurn([todoWrite()], async () => ({
    content: "Todos have been modified successfully.",
  }));
  // Asked for coverage (the TESTER prompt does), it reports it: through Hiveboard's MCP server when
  // its run gave it one (as Claude Code would call the tool), else as a METRIC line of its result.
  const summary = closingSummary({
    title,
    prompt,
    allowed: approval.allowed,
    reportedOverMcp: wantsCoverage(prompt, approval.allowed)
      ? await reportOverMcp("coverage", demoCoverage())
      : null,
    refusal: approval.message || "denied",
  });
  await assistantTurn([{ type: "text", text: summary }]);
  return summary;
}

/** One MCP tool call with the official client; false when there is no server or it refuses. */
async function reportOverMcp(name: string, value: number): Promise<boolean> {
  const url = process.env.HIVEBOARD_MCP_URL;
  const key = process.env.HIVEBOARD_MCP_KEY;
  if (!url || !key) return false;
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } =
    await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const client = new Client({ name: "hiveboard-demo-agent", version: "1.0.0" });
  try {
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { "x-api-key": key } },
      }),
    );
    const r = await client.callTool({ name: "report_metric", arguments: { name, value } });
    await assistantTurn(
      [
        { type: "text", text: `Reporting ${name} ${value} to Hiveboard.` },
        toolUse("mcp__hiveboard__report_metric", { name, value }),
      ],
      async () => ({ content: r.isError ? "refused" : "stored", isError: Boolean(r.isError) }),
    );
    return !r.isError;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

function result(subtype: string, text: string | null) {
  emit({
    type: "result",
    subtype,
    is_error: subtype !== "success",
    duration_ms: Math.round(process.uptime() * 1000),
    num_turns: turn,
    result: text,
    total_cost_usd: Number(cost.toFixed(4)),
    // As Claude Code reports it: fresh input, and what the prompt cache wrote and served.
    usage: {
      input_tokens: turn * 120,
      cache_creation_input_tokens: 900,
      cache_read_input_tokens: turn * 700,
      output_tokens: outputTokens,
    },
  });
}

async function main() {
  // What any Bash command of a real agent could see: its whole environment, on stderr.
  if (fault === "print-argv") process.stderr.write(`ARGV ${JSON.stringify(process.argv)}\n`);
  if (fault === "print-env")
    for (const [k, v] of Object.entries(process.env)) process.stderr.write(`ENV ${k}=${v}\n`);
  if (fault === "crash") {
    process.stderr.write("demo-agent: simulated crash\n");
    process.exit(3);
  }
  emit({
    type: "system",
    subtype: "init",
    cwd: process.cwd(),
    tools: ["Read", "Edit", "Write", "Bash", "TodoWrite"],
    model: "hiveboard-demo",
    permissionMode: "default",
  });
  if (fault === "garbage") {
    process.stdout.write("this is not json\n");
    process.stderr.write("demo-agent: simulated garbage and non-zero exit\n");
    process.exit(2);
  }
  let first = true;
  while (true) {
    while (!userQueue.length && !stdinClosed) await waitForInput();
    if (!userQueue.length) break;
    if (fault === "hang") await new Promise(() => undefined);
    const prompt = takeMessage();
    interrupted = false;
    try {
      result("success", await runQuery(prompt, first));
      if (fault === "exit1") process.exit(1);
    } catch (error) {
      if (error instanceof Interrupted) result("error_during_execution", "Interrupted by the host");
      else if (error instanceof Error && error.message === "max-turns")
        result("error_max_turns", null);
      else throw error;
    }
    first = false;
  }
}

main().catch((error) => {
  process.stderr.write(`demo-agent: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

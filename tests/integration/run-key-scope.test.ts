// A run's own key (what Hiveboard gives each agent) reaches its run and its epic, nothing else —
// through every entrance: the action catalog (server actions, MCP tools, the Automagik API), REST,
// pages (the same authorize seam), sockets. Every out-of-scope attempt is refused and writes nothing.
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as postTodo } from "@/app/api/v1/epics/[id]/todos/route";
import { GET as automagikStatus } from "@/app/api/v1/workflows/claude-code/run/[name]/status/route";
import { ACTIONS, type ActionName } from "@/lib/actions/catalog";
import { runActionAs, type ActionDefinition } from "@/lib/actions/define-action";
import { resolveActor, authorize, type Actor } from "@/lib/auth/actor";
import { generateKey } from "@/lib/auth/api-keys";
import { ANONYMOUS } from "../setup/actors";
import { freshDb } from "../setup/db";
import { realtimeServer } from "../setup/realtime";
import { demoProjectId, endedRun, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const server = realtimeServer();

const ownEpic = await freshEpic(projectId, "The agent's own epic");
const otherEpic = await freshEpic(projectId, "Somebody else's epic");
const ownRun = await endedRun(projectId, ownEpic);
const otherRun = await endedRun(projectId, otherEpic);
const otherTodo = await db.todo.create({
  data: { epicId: otherEpic, content: "Not yours", position: 0 },
});
const ownTodo = await db.todo.create({ data: { epicId: ownEpic, content: "Yours", position: 0 } });

const k = generateKey();
await db.apiKey.create({
  data: {
    name: "Agent (ANALYZER)",
    role: "developer",
    prefix: k.prefix,
    hash: k.hash,
    runId: ownRun,
  },
});
const runKey: Actor = await resolveActor({ headers: new Headers({ "x-api-key": k.key }) });

const sockets: { close(): void }[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

const TWO = [
  { key: "a", label: "A" },
  { key: "b", label: "B" },
];

/** Valid inputs aimed outside the key's run, for the actions a developer's role may take. */
const ELSEWHERE: Partial<Record<ActionName, unknown>> = {
  addTodo: { epicId: otherEpic, content: "Sneaky todo" },
  updateTodo: { id: otherTodo.id, status: "completed" },
  deleteTodo: { id: otherTodo.id },
  reorderTodos: { epicId: otherEpic, orderedIds: [otherTodo.id] },
  sendFeedback: { runId: otherRun, message: "Stop that", clientKey: "run-key-scope-1" },
  stopRun: { runId: otherRun },
  killRun: { runId: otherRun },
  answerApproval: { runId: otherRun, requestId: "req-1", behavior: "allow" },
  startRun: { epicId: otherEpic },
  startPhaseRun: { epicId: ownEpic, prompt: "A run of my own" },
  removeWorktree: { id: otherEpic },
  updatePattern: { id: "p-1", name: "Renamed" },
  createDecision: { epicId: otherEpic, title: "Not yours to ask", options: TWO },
  requestDecision: { epicId: otherEpic, title: "Not yours to ask", options: TWO },
};

const counts = () =>
  Promise.all([
    db.todo.count(),
    db.run.count(),
    db.feedback.count(),
    db.epic.count(),
    db.decision.count(),
  ]);

describe("a run's key reaches its run and its epic, nothing else", () => {
  it("every catalog action outside its run is refused (the door of server actions, MCP, Automagik)", async () => {
    const before = await counts();
    for (const name of Object.keys(ACTIONS) as ActionName[]) {
      const def = ACTIONS[name] as ActionDefinition;
      // What any agent may add (a pattern to the library) is the one exception, tested below.
      if (def.runScope === "agent") continue;
      const r = await runActionAs(def, runKey, ELSEWHERE[name] ?? {});
      expect(r, name).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await counts()).toEqual(before);
    expect(await db.todo.findUniqueOrThrow({ where: { id: otherTodo.id } })).toMatchObject({
      status: "pending",
    });
  });

  it("within its run and epic it works: todos of its epic, a pattern it learned, a decision", async () => {
    const added = await runActionAs(ACTIONS.addTodo, runKey, { epicId: ownEpic, content: "Mine" });
    expect(added.ok).toBe(true);
    const done = await runActionAs(ACTIONS.updateTodo, runKey, {
      id: ownTodo.id,
      status: "completed",
    });
    expect(done.ok).toBe(true);
    const pattern = await runActionAs(ACTIONS.createPattern, runKey, {
      name: "Learned by the agent",
      description: "d",
      tags: [],
    });
    expect(pattern.ok, JSON.stringify(pattern)).toBe(true);
    const asked = await runActionAs(ACTIONS.requestDecision, runKey, {
      runId: ownRun,
      title: "Which index?",
      options: TWO,
    });
    expect(asked.ok, JSON.stringify(asked)).toBe(true);
  });

  it("REST, pages and the Automagik API refuse it for another run (and sockets refuse it at all)", async () => {
    const read = await getRun(
      new Request(`http://localhost/api/v1/runs/${otherRun}`, { headers: { "x-api-key": k.key } }),
      { params: Promise.resolve({ id: otherRun }) },
    );
    expect(read.status).toBe(403);
    const write = await postTodo(
      new Request(`http://localhost/api/v1/epics/${otherEpic}/todos`, {
        method: "POST",
        headers: { "x-api-key": k.key, "content-type": "application/json" },
        body: JSON.stringify({ content: "Sneaky" }),
      }),
      { params: Promise.resolve({ id: otherEpic }) },
    );
    expect(write.status).toBe(403);
    const status = await automagikStatus(
      new Request(`http://localhost/api/v1/workflows/claude-code/run/${otherRun}/status`, {
        headers: { "x-api-key": k.key },
      }),
      { params: Promise.resolve({ name: otherRun }) },
    );
    expect(status.status).toBe(403);
    // Pages ask the same seam (requirePageAccess → authorize): a run page, the board.
    expect(authorize(runKey, "board:read")).toMatchObject({ code: "forbidden" });

    const s = connect(server.url(), {
      transports: ["websocket"],
      extraHeaders: { "x-api-key": k.key },
      reconnection: false,
    });
    sockets.push(s);
    const outcome = await new Promise<string>((resolve) => {
      s.on("connect", () => resolve("connected"));
      s.on("connect_error", (e) => resolve(`refused: ${e.message}`));
    });
    expect(outcome).toMatch(/^refused: This key belongs to run/);
  });

  it("who may is asked before what is wrong: nobody learns the input's rules", async () => {
    const r = await runActionAs(ACTIONS.createEpic, ANONYMOUS, { title: "" });
    expect(r).toMatchObject({ ok: false, code: "unauthenticated" });
    expect("fieldErrors" in r).toBe(false);
  });
});

import { io as connect, type Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { BoardChange, BoardJoinReply, RunJoinReply } from "@/lib/realtime/events";
import { appendRunEvents } from "@/lib/db/runs";
import { MAX_REPLAY } from "@/lib/realtime/server";
import { createEpic, moveEpic } from "@/lib/services/epics";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb, makeProject, manager } from "../setup/db";
import { realtimeServer } from "../setup/realtime";

const db = await freshDb();
// The board room is for signed-in people and keys: these clients carry a viewer's key.
const viewerKey = generateKey();
await db.apiKey.create({
  data: { name: "realtime test", role: "viewer", prefix: viewerKey.prefix, hash: viewerKey.hash },
});
const server = realtimeServer();

const client = () =>
  connect(server.url(), {
    transports: ["websocket"],
    forceNew: true,
    extraHeaders: { "x-api-key": viewerKey.key },
  });
const join = (s: Socket, projectId: string, after: number) =>
  new Promise<BoardJoinReply>((resolve) => s.emit("board:join", { projectId, after }, resolve));
const epic = (projectId: string, title: string) =>
  createEpic(manager, {
    projectId,
    title,
    description: "",
    type: "feature",
    priority: "medium",
    targetVersion: null,
    keyRequirements: [],
  });

describe("board room over Socket.IO", () => {
  it("pushes committed changes to clients in the room, with the card", async () => {
    const { id: projectId } = await makeProject();
    const s = client();
    expect(await join(s, projectId, 0)).toMatchObject({ ok: true, changes: [], resync: false });
    const got = new Promise<BoardChange>((resolve) => s.on("board:change", resolve));
    await epic(projectId, "Live epic");
    expect(await got).toMatchObject({
      type: "epic:created",
      card: { title: "Live epic", phase: "ANALYZER" },
    });
    s.close();
  });

  it("replays, in order and once, what a client missed while away", async () => {
    const { id: projectId } = await makeProject();
    const first = await epic(projectId, "Before the gap");
    const s = client();
    const joined = await join(s, projectId, 0);
    const seenSeq = joined.ok ? joined.seq : -1;
    s.close();
    // Away: two changes happen.
    const second = await epic(projectId, "During the gap");
    await moveEpic(manager, { id: first.ok ? first.data.id : "", to: "BUILDER" });
    const back = client();
    const replay = await join(back, projectId, seenSeq);
    expect(replay.ok && replay.changes.map((c) => [c.type, c.epicId])).toEqual([
      ["epic:created", second.ok && second.data.id],
      ["epic:moved", first.ok && first.data.id],
    ]);
    expect(
      replay.ok && replay.changes.every((c, i, all) => i === 0 || c.seq > all[i - 1].seq),
    ).toBe(true);
    back.close();
  });

  it("asks a client that missed too much to refetch instead", async () => {
    const { id: projectId } = await makeProject();
    for (let i = 0; i <= MAX_REPLAY; i++) await epic(projectId, `Epic ${i}`);
    const s = client();
    expect(await join(s, projectId, 0)).toMatchObject({ ok: true, resync: true, changes: [] });
    s.close();
  }, 60_000);

  it("refuses a malformed join and an unknown project with a clear message", async () => {
    const s = client();
    const bad = await new Promise<BoardJoinReply>((resolve) =>
      s.emit("board:join", { projectId: 3 } as never, resolve),
    );
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid-input",
      message: expect.stringContaining("projectId"),
    });
    expect(await join(s, "no-such-project", 0)).toMatchObject({
      ok: false,
      code: "project-not-found",
    });
    s.close();
  });
});

describe("run room over Socket.IO", () => {
  const runJoin = (s: Socket, join: { runId: string; after: number; tail?: number }) =>
    new Promise<RunJoinReply>((resolve) => s.emit("run:join", join, resolve));
  const seqs = (r: RunJoinReply) => (r.ok ? r.events.map((e) => e.seq) : []);

  it("opens a long run on its tail, continues from a seq, and refuses a bad tail", async () => {
    const { id: projectId } = await makeProject();
    const made = await epic(projectId, "A long run");
    const run = await db.run.create({
      data: {
        projectId,
        epicId: made.ok ? made.data.id : "",
        phase: "ANALYZER",
        runner: "demo",
        workflow: "architect",
        maxTurns: 5,
        timeoutSec: 60,
        status: "running",
      },
    });
    const at = new Date();
    await appendRunEvents(
      db,
      run.id,
      Array.from({ length: 1500 }, (_, i) => ({ seq: i + 1, kind: "log", data: { i }, at })),
    );
    const s = client();
    // Everything after 0, page by page (what scripts and older pages ask)…
    const paged = await runJoin(s, { runId: run.id, after: 0 });
    expect(seqs(paged)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(paged).toMatchObject({ more: true });
    // …or, with a tail, only the newest: the page fetches what is above on scroll.
    const tail = await runJoin(s, { runId: run.id, after: 0, tail: 200 });
    expect(seqs(tail)).toEqual(Array.from({ length: 200 }, (_, i) => 1301 + i));
    // A reconnect that missed less than the tail gets exactly what it missed.
    const back = await runJoin(s, { runId: run.id, after: 1490, tail: 200 });
    expect(seqs(back)).toEqual(Array.from({ length: 10 }, (_, i) => 1491 + i));
    expect(await runJoin(s, { runId: run.id, after: 0, tail: 5000 })).toMatchObject({
      ok: false,
      code: "invalid-input",
    });
    s.close();
  });
});

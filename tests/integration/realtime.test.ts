import { io as connect, type Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { BoardChange, BoardJoinReply } from "@/lib/realtime/events";
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

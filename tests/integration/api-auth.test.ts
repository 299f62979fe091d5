// Route handlers and socket events, by who is asking: API keys of every role, a revoked key,
// nobody. Refusals are 401/403 with the one error shape, and write nothing.
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { GET as getBoard } from "@/app/api/v1/projects/[slug]/board/route";
import { GET as getEpic } from "@/app/api/v1/epics/[id]/route";
import { POST as postRun } from "@/app/api/v1/runs/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { GET as getEvents } from "@/app/api/v1/runs/[id]/events/route";
import { generateKey } from "@/lib/auth/api-keys";
import { can, ROLES, type Role } from "@/lib/domain/permissions";
import { revokeApiKey } from "@/lib/services/accounts";
import { freshDb } from "../setup/db";
import { actorOf } from "../setup/actors";
import { realtimeServer } from "../setup/realtime";
import { demoProjectId, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
await db.phase.updateMany({
  where: { key: "ANALYZER" },
  data: { runner: "command", command: "true" },
});
const epicId = await freshEpic(projectId);
const runId = (
  await db.run.create({
    data: {
      projectId,
      epicId,
      phase: "ANALYZER",
      runner: "command",
      workflow: "w",
      maxTurns: 1,
      timeoutSec: 60,
      status: "completed",
    },
  })
).id;

async function keyFor(role: Role) {
  const k = generateKey();
  const row = await db.apiKey.create({
    data: { name: `${role} key`, role, prefix: k.prefix, hash: k.hash },
  });
  return { key: k.key, id: row.id };
}
const keys = Object.fromEntries(
  await Promise.all(ROLES.map(async (r) => [r, await keyFor(r)] as const)),
) as Record<Role, { key: string; id: string }>;

const req = (url: string, key?: string, init: RequestInit = {}) =>
  new Request(`http://localhost${url}`, {
    ...init,
    headers: {
      ...(key ? { "x-api-key": key } : {}),
      "content-type": "application/json",
      ...init.headers,
    },
  });
const p = <T>(v: T) => ({ params: Promise.resolve(v) });

const READS = [
  () => getBoard(req("/api/v1/projects/demo/board", current), p({ slug: "demo" })),
  () => getEpic(req(`/api/v1/epics/${epicId}`, current), p({ id: epicId })),
  () => getRun(req(`/api/v1/runs/${runId}`, current), p({ id: runId })),
  () => getEvents(req(`/api/v1/runs/${runId}/events?after=0`, current), p({ id: runId })),
];
let current: string | undefined;

describe("route handlers by role", () => {
  for (const role of ROLES) {
    it(`${role}: reads the board, epics and runs; ${can(role, "run:start") ? "may" : "may not"} start a run`, async () => {
      current = keys[role].key;
      for (const read of READS) expect((await read()).status).toBe(200);
      const before = await db.run.count();
      const res = await postRun(
        req("/api/v1/runs", current, {
          method: "POST",
          body: JSON.stringify({ epicId: await freshEpic(projectId) }),
        }),
      );
      if (can(role, "run:start")) expect(res.status).toBe(201);
      else {
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual({
          error: {
            code: "forbidden",
            message: `Your role (${role}) may not do this (run:start).`,
            details: null,
          },
        });
        expect(await db.run.count()).toBe(before);
      }
    });
  }

  it("refuses nobody and a wrong key with 401, and a key once revoked", async () => {
    for (const key of [undefined, "hb_not-a-real-key-at-all"]) {
      current = key;
      for (const read of READS) expect((await read()).status).toBe(401);
    }
    const k = await keyFor("admin");
    current = k.key;
    expect((await READS[0]()).status).toBe(200);
    await revokeApiKey(actorOf("admin"), { id: k.id });
    const res = await READS[0]();
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toContain("not valid");
  });

  it("accepts the key as a Bearer token too, and records when it was last used", async () => {
    const k = await keyFor("viewer");
    const res = await getBoard(
      new Request("http://localhost/api/v1/projects/demo/board", {
        headers: { authorization: `Bearer ${k.key}` },
      }),
      p({ slug: "demo" }),
    );
    expect(res.status).toBe(200);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: k.id } })).lastUsedAt).not.toBeNull();
  });
});

describe("sockets by who connects", () => {
  const server = realtimeServer();
  const open = (headers: Record<string, string> = {}) =>
    connect(server.url(), {
      transports: ["websocket"],
      forceNew: true,
      extraHeaders: headers,
      reconnection: false,
    });
  const outcome = (s: ReturnType<typeof open>) =>
    new Promise<string>((resolve) => {
      s.on("connect", () => resolve("connected"));
      s.on("connect_error", (e) => resolve(`refused: ${e.message}`));
    });

  it("refuses a socket without a session or key, and one from another site's page", async () => {
    expect(await outcome(open())).toBe("refused: Sign in first.");
    expect(await outcome(open({ "x-api-key": "hb_wrong" }))).toContain(
      "refused: This API key is not valid",
    );
    expect(
      await outcome(open({ "x-api-key": keys.viewer.key, origin: "https://evil.example" })),
    ).toMatch(/^refused/);
  });

  it("lets a viewer's key join a board, and cuts it off the moment the key is revoked", async () => {
    const k = await keyFor("viewer");
    const s = open({ "x-api-key": k.key });
    expect(await outcome(s)).toBe("connected");
    const reply = await new Promise((r) => s.emit("board:join", { projectId, after: 0 }, r));
    expect(reply).toMatchObject({ ok: true });
    const gone = new Promise<string>((r) => s.on("disconnect", r));
    await revokeApiKey(actorOf("admin"), { id: k.id });
    expect(await gone).toBe("io server disconnect");
    s.close();
  });
});

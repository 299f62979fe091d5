// Reconnect storm: 500 clients watch a live run (20 events/s), all drop off for 30 s while it goes
// on, then all reconnect at once and catch up (the join's replay page, then the REST events API
// for the rest, as the run page does). Reported: time until every client is current again, next
// to the time their first connect took, measured in the same run; and whether any client missed
// or doubled an event. The real server (production build), the real command runner.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const OFFLINE_MS = Number(process.env.BENCH_OFFLINE_MS ?? 30_000);
const PORT = 3420;
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-storm-"));
const dbFile = path.join(dir, "storm.db");
const KEY = `bench-${randomUUID()}`;
const headers = { "x-api-key": KEY, "content-type": "application/json" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!existsSync(".next/BUILD_ID"))
  spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "server.ts"],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        HOSTNAME: "127.0.0.1",
        NODE_ENV: "production",
        DATABASE_URL: `file:${dbFile}`,
        HIVEBOARD_DATA_DIR: dir,
        HIVEBOARD_ADMIN_API_KEY: KEY,
      },
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 240; i++) {
    if ((await fetch(`${base}/api/v1/projects/demo/board`, { headers }).catch(() => null))?.ok)
      return server;
    await sleep(250);
  }
  throw new Error("server did not start");
}

type Page = { events: { seq: number }[]; lastSeq?: number; more: boolean };
const lastStored = async (runId: string) =>
  (
    (await (
      await fetch(`${base}/api/v1/runs/${runId}/events?after=0&limit=1`, { headers })
    ).json()) as { lastSeq: number }
  ).lastSeq;

/** A watcher as the run page is one: join with the last seq seen, page through what it missed, then live. */
class Watcher {
  readonly seen = new Map<number, number>();
  last = 0;
  readonly socket: Socket;
  constructor(private runId: string) {
    this.socket = io(base, {
      transports: ["websocket"],
      extraHeaders: { "x-api-key": KEY },
      reconnection: false,
      autoConnect: false,
    });
    this.socket.on("run:event", (e: { seq: number }) => this.take([e]));
  }
  private take(events: { seq: number }[]) {
    for (const e of events) {
      this.seen.set(e.seq, (this.seen.get(e.seq) ?? 0) + 1);
      this.last = Math.max(this.last, e.seq);
    }
  }
  async connect() {
    this.socket.connect();
    await new Promise<void>((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", reject);
    });
    const joined = (await this.socket.emitWithAck("run:join", {
      runId: this.runId,
      after: this.last,
    })) as Page & { ok: boolean };
    if (!joined.ok) throw new Error("run:join refused");
    this.take(joined.events);
    for (let more = joined.more; more;) {
      const page = (await (
        await fetch(`${base}/api/v1/runs/${this.runId}/events?after=${this.last}&limit=1000`, {
          headers,
        })
      ).json()) as Page;
      this.take(page.events);
      more = page.more;
    }
  }
  /** Every seq up to the last seen exactly once (repeats from a join racing live events are dropped by seq in the page; counted here). */
  missed() {
    let n = 0;
    for (let s = 1; s <= this.last; s++) if (!this.seen.has(s)) n++;
    return n;
  }
}

async function allCurrent(watchers: Watcher[], runId: string) {
  const target = await lastStored(runId);
  while (watchers.some((w) => w.last < target)) await sleep(20);
}

async function connectAll(watchers: Watcher[]) {
  for (let i = 0; i < watchers.length; i += 50)
    await Promise.all(watchers.slice(i, i + 50).map((w) => w.connect()));
}

const server = await startServer();
const db = new Database(dbFile);
db.prepare(`UPDATE "Phase" SET "runner" = 'command', "command" = ? WHERE "key" = 'ANALYZER'`).run(
  `node ${path.resolve("bench/emit-lines.mjs")} 2400 50 0`,
);
db.close();
const { projects } = await (await fetch(`${base}/api/v1/projects`, { headers })).json();
const epic = await (
  await fetch(`${base}/api/v1/epics`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      projectId: projects[0].id,
      title: "Storm",
      type: "feature",
      priority: "high",
    }),
  })
).json();
const { runId } = await (
  await fetch(`${base}/api/v1/runs`, {
    method: "POST",
    headers,
    body: JSON.stringify({ epicId: epic.id }),
  })
).json();
await sleep(2000);

const watchers = Array.from({ length: CLIENTS }, () => new Watcher(runId));
let t = performance.now();
await connectAll(watchers);
await allCurrent(watchers, runId);
const first = performance.now() - t;

for (const w of watchers) w.socket.disconnect();
const missedWhileAway = await lastStored(runId);
await sleep(OFFLINE_MS);
const backlog = (await lastStored(runId)) - missedWhileAway;
t = performance.now();
await connectAll(watchers);
await allCurrent(watchers, runId);
const again = performance.now() - t;
await sleep(500);
const missed = watchers.reduce((n, w) => n + w.missed(), 0);

console.log(
  `Reconnect storm: ${CLIENTS} clients on one run, offline ${OFFLINE_MS / 1000} s (${backlog} events missed each) (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch})`,
);
console.log("| | all clients current after | ratio | events missed |");
console.log("|---|---:|---:|---:|");
console.log(`| first connect | ${(first / 1000).toFixed(2)} s | 1.00× | — |`);
console.log(
  `| reconnect after ${OFFLINE_MS / 1000} s away | ${(again / 1000).toFixed(2)} s | ${(again / first).toFixed(2)}× | ${missed} |`,
);
for (const w of watchers) w.socket.close();
server.kill("SIGKILL");
rmSync(dir, { recursive: true, force: true });

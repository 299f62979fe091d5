// Scale: fan-out latency of a run's events (agent line → a Socket.IO client watching the run) and
// the events/s stored, on one node (the run and the client on the same process) and on a cluster
// (the run on a worker, the client on another web node, through Redis), measured in the same run.
// Needs BENCH_POSTGRES_URL (a server whose user may create databases) and BENCH_REDIS_URL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { io } from "socket.io-client";

const pgServer = process.env.BENCH_POSTGRES_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
if (!pgServer || !redisUrl) {
  console.log(
    "scale-out: set BENCH_POSTGRES_URL and BENCH_REDIS_URL to measure two nodes + Redis against one; skipped.",
  );
  process.exit(0);
}
const LINES = Number(process.env.BENCH_LINES ?? 400);
const RUNS = Number(process.env.BENCH_SAT_RUNS ?? 10);
const SAT_LINES = Number(process.env.BENCH_SAT_LINES ?? 2000);
const KEY = `bench-${randomUUID()}`;
const headers = { "x-api-key": KEY, "content-type": "application/json" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

if (!existsSync(".next/BUILD_ID"))
  spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });

async function admin(sql: string) {
  const c = new Client({ connectionString: pgServer });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

async function start(script: string, env: Record<string, string>, ready?: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", script],
    { env: { ...process.env, ...env }, stdio: "ignore" },
  );
  children.push(child);
  for (let i = 0; ready && i < 240; i++) {
    if ((await fetch(`${ready}/api/v1/projects`, { headers }).catch(() => null))?.ok) return child;
    await sleep(250);
  }
  return child;
}

/** One scenario: a run emitting LINES stamped lines; a client on `watch` measures each line's delay. */
async function scenario(name: string, cluster: boolean) {
  const db = `hb_scale_${cluster ? "cluster" : "single"}_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${db}`);
  const url = new URL(pgServer!);
  url.pathname = `/${db}`;
  const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-scale-"));
  const common = {
    DATABASE_URL: url.toString(),
    HIVEBOARD_DATA_DIR: dir,
    HIVEBOARD_ADMIN_API_KEY: KEY,
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
    HIVEBOARD_SWEEP_MS: "200",
  };
  const a = "http://127.0.0.1:3441";
  const b = "http://127.0.0.1:3442";
  const nodeEnv = cluster ? { ...common, REDIS_URL: redisUrl!, HIVEBOARD_RUNS: "workers" } : common;
  await start("server.ts", { ...nodeEnv, PORT: "3441" }, a);
  if (cluster) {
    await start("server.ts", { ...nodeEnv, PORT: "3442" }, b);
    await start("scripts/worker.ts", { ...nodeEnv, HIVEBOARD_INTERNAL_URL: a });
  }
  const watch = cluster ? b : a;
  const pg = new Client({ connectionString: url.toString() });
  await pg.connect();
  await pg.query(
    `UPDATE "Phase" SET "runner" = 'command', "command" = $1 WHERE "key" = 'ANALYZER'`,
    [`node ${path.resolve("bench/emit-lines.mjs")} ${LINES} 5 1500`],
  );
  const { projects } = await (await fetch(`${a}/api/v1/projects`, { headers })).json();
  const epic = await (
    await fetch(`${a}/api/v1/epics`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        projectId: projects[0].id,
        title: "Scale",
        type: "feature",
        priority: "high",
      }),
    })
  ).json();
  const socket = io(watch, { transports: ["websocket"], extraHeaders: { "x-api-key": KEY } });
  await new Promise<void>((r) => socket.once("connect", () => r()));
  const delays: number[] = [];
  let first = 0;
  let last = 0;
  let runId = "";
  socket.on("run:event", (e: { runId: string; kind: string; data: { line?: string } }) => {
    const ts = e.runId === runId && /hb-ts=(\d+)/.exec(e.data?.line ?? "");
    if (!ts) return;
    delays.push(Date.now() - Number(ts[1]));
    first ||= Date.now();
    last = Date.now();
  });
  ({ runId } = await (
    await fetch(`${a}/api/v1/runs`, {
      method: "POST",
      headers,
      body: JSON.stringify({ epicId: epic.id }),
    })
  ).json());
  const joined = await socket.emitWithAck("run:join", { runId, after: 0 });
  if (!joined.ok) throw new Error("run:join refused");
  const until = Date.now() + 60_000;
  while (delays.length < LINES && Date.now() < until) await sleep(50);
  const stored = Number(
    (await pg.query(`SELECT count(*) FROM "RunEvent" WHERE "runId" = $1 AND kind = 'log'`, [runId]))
      .rows[0].count,
  );
  const sorted = [...delays].sort((x, y) => x - y);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const latency = {
    p50: pct(50),
    p99: pct(99),
    received: delays.length,
    stored,
    rate: delays.length / Math.max(0.001, (last - first) / 1000),
  };
  const saturated = await throughput(a, socket, pg, projects[0].id);
  await pg.end();
  socket.close();
  for (const c of children.splice(0)) c.kill("SIGKILL");
  await sleep(500);
  await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
  return { name, ...latency, ...saturated };
}

/**
 * Saturation: RUNS runs at once, each agent printing SAT_LINES lines as fast as it can; the events/s
 * the nodes store, and deliver to one client watching every run (on the other web node in a cluster).
 */
async function throughput(a: string, socket: ReturnType<typeof io>, pg: Client, projectId: string) {
  await pg.query(`UPDATE "Phase" SET "command" = $1 WHERE "key" = 'ANALYZER'`, [
    `node ${path.resolve("bench/emit-lines.mjs")} ${SAT_LINES} 0 1500`,
  ]);
  const seen = new Set<string>();
  let first = 0;
  let last = 0;
  socket.on("run:event", (e: { runId: string; seq: number; kind: string }) => {
    if (e.kind !== "log" || !runIds.includes(e.runId)) return;
    seen.add(`${e.runId}:${e.seq}`);
    first ||= Date.now();
    last = Date.now();
  });
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const epic = await (
      await fetch(`${a}/api/v1/epics`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          projectId,
          title: `Saturate ${i}`,
          type: "feature",
          priority: "high",
        }),
      })
    ).json();
    const { runId } = await (
      await fetch(`${a}/api/v1/runs`, {
        method: "POST",
        headers,
        body: JSON.stringify({ epicId: epic.id }),
      })
    ).json();
    runIds.push(runId);
    if (!(await socket.emitWithAck("run:join", { runId, after: 0 })).ok)
      throw new Error("run:join refused");
  }
  const total = RUNS * SAT_LINES;
  const count = async () =>
    (
      await pg.query(
        `SELECT count(*) AS n, extract(epoch FROM max("createdAt") - min("createdAt")) AS span FROM "RunEvent" WHERE "runId" = ANY($1) AND kind = 'log'`,
        [runIds],
      )
    ).rows[0];
  const until = Date.now() + 180_000;
  while ((seen.size < total || Number((await count()).n) < total) && Date.now() < until)
    await sleep(100);
  const { n, span } = await count();
  return {
    satStored: Number(n),
    satStoredRate: Number(n) / Math.max(0.001, Number(span)),
    satDelivered: seen.size,
    satDeliveredRate: seen.size / Math.max(0.001, (last - first) / 1000),
  };
}

const one = await scenario("one node (run and client on the same process)", false);
const two = await scenario(
  "two web nodes + worker, through Redis (client on the other node)",
  true,
);
console.log(
  `Scale-out: ${LINES} agent lines, 5 ms apart (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch})`,
);
console.log("| | p50 | p99 | events/s delivered | received / stored |");
console.log("|---|---:|---:|---:|---:|");
for (const r of [one, two])
  console.log(
    `| ${r.name} | ${r.p50} ms | ${r.p99} ms | ${Math.round(r.rate)} | ${r.received} / ${r.stored} |`,
  );
console.log(
  `| ratio (cluster / one node) | ${(two.p50 / Math.max(1, one.p50)).toFixed(2)}× | ${(two.p99 / Math.max(1, one.p99)).toFixed(2)}× | ${(two.rate / one.rate).toFixed(2)}× | |`,
);
console.log(
  `\nSaturation: ${RUNS} runs at once, ${SAT_LINES} lines each as fast as the agents print them`,
);
console.log("| | events/s stored | events/s delivered to one client | stored / delivered |");
console.log("|---|---:|---:|---:|");
for (const r of [one, two])
  console.log(
    `| ${r.name} | ${Math.round(r.satStoredRate)} | ${Math.round(r.satDeliveredRate)} | ${r.satStored} / ${r.satDelivered} of ${RUNS * SAT_LINES} |`,
  );
console.log(
  `| ratio (cluster / one node) | ${(two.satStoredRate / one.satStoredRate).toFixed(2)}× | ${(two.satDeliveredRate / one.satDeliveredRate).toFixed(2)}× | |`,
);
process.exit(0);

// Mixed load on the API: 200 readers (GET /api/v1/epics?project=demo) and 50 writers (POST a todo)
// hammering one node for BENCH_SECONDS, each client sending its next request as soon as the last
// answered — against a bare node:http handler doing the same database reads and writes
// (bench/bare-handler.ts) on a copy of the same database, measured in the same run, load generator
// on the same machine. Prints throughput, read and write p50/p99, and writes' share of the answers.
// Targets: throughput ≥ 0.5× the bare handler, write p99 ≤ 1 s, writes not starved by reads.
import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import { ensureBuilt, median, pct, removeDir, startHiveboard, today, waitUntilUp } from "./harness";

const READERS = Number(process.env.BENCH_READERS ?? 200);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = 3440;
const BARE_PORT = 3441;

type Call = {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
};
type Tally = { reads: number[]; writes: number[]; failed: number; seconds: number };

/** One HTTP call on a keep-alive agent; resolves with its status. */
function call(agent: Agent, port: number, c: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: c.method,
        path: c.path,
        headers: { "content-type": "application/json", ...c.headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(c.body);
  });
}

/** Closed-loop clients: each sends its next request when its last one is answered. */
async function load(port: number, read: () => Call, write: (n: number) => Call): Promise<Tally> {
  const agent = new Agent({ keepAlive: true, maxSockets: READERS + WRITERS });
  const tally: Tally = { reads: [], writes: [], failed: 0, seconds: 0 };
  let counting = false;
  let stopping = false;
  let writesSent = 0;
  const client = async (kind: "reads" | "writes") => {
    while (!stopping) {
      const c = kind === "reads" ? read() : write(writesSent++);
      const started = performance.now();
      const status = await call(agent, port, c).catch(() => 0);
      if (!counting || stopping) continue;
      if (status >= 200 && status < 300) tally[kind].push(performance.now() - started);
      else tally.failed += 1;
    }
  };
  const clients = [
    ...Array.from({ length: READERS }, () => client("reads")),
    ...Array.from({ length: WRITERS }, () => client("writes")),
  ];
  await new Promise((r) => setTimeout(r, 3000)); // warm-up: connections open, JIT warm
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stopping = true;
  tally.seconds = (performance.now() - started) / 1000;
  await Promise.all(clients);
  agent.destroy();
  return tally;
}

ensureBuilt();
// A fresh install's database (migrated, demo project seeded), copied for the bare handler first.
const first = await startHiveboard({ port: PORT });
const epicId = (
  (await (
    await fetch(`${first.base}/api/v1/epics?project=demo&limit=1`, {
      headers: { "x-api-key": first.key },
    })
  ).json()) as { epics: { id: string }[] }
).epics[0].id;
await first.stop();
const bareDb = path.join(first.dir, "bare.db");
copyFileSync(first.dbFile, bareDb);

const bare = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--import",
    "./scripts/server-only-hook.mjs",
    "bench/bare-handler.ts",
    String(BARE_PORT),
  ],
  {
    env: { ...process.env, DATABASE_URL: `file:${bareDb}`, HIVEBOARD_DATA_DIR: first.dir },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
await waitUntilUp(`http://127.0.0.1:${BARE_PORT}/read`, {});
const content = (n: number) => JSON.stringify({ content: `load todo ${n}` });
const baseline = await load(
  BARE_PORT,
  () => ({ method: "GET", path: "/read" }),
  (n) => ({ method: "POST", path: `/write/${epicId}`, body: content(n) }),
);
bare.kill("SIGTERM");

const server = await startHiveboard({ port: PORT, dir: first.dir });
const auth = { "x-api-key": server.key };
const ours = await load(
  PORT,
  () => ({ method: "GET", path: "/api/v1/epics?project=demo&limit=50", headers: auth }),
  (n) => ({
    method: "POST",
    path: `/api/v1/epics/${epicId}/todos`,
    body: content(n),
    headers: auth,
  }),
);
await server.stop();
removeDir(first.dir);

const rate = (t: Tally) => (t.reads.length + t.writes.length) / t.seconds;
const share = (t: Tally) => t.writes.length / (t.reads.length + t.writes.length);
const ms = (x: number) => `${Math.round(x)} ms`;
const row = (name: string, t: Tally, ratio: string) =>
  `| ${name} | ${Math.round(rate(t))} | ${ratio} | ${ms(median(t.reads))} | ${ms(pct(t.reads, 99))} | ${ms(median(t.writes))} | ${ms(pct(t.writes, 99))} | ${(share(t) * 100).toFixed(1)} % (${(WRITERS / (READERS + WRITERS)) * 100} % of clients) | ${t.failed} |`;
console.log(
  `Mixed API load: ${READERS} readers + ${WRITERS} writers, closed loop, ${SECONDS} s after 3 s of warm-up, load generator on the same machine (${today()})`,
);
console.log(
  "| server | requests/s | ratio | read p50 | read p99 | write p50 | write p99 | writes' share of answers | failed |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
console.log(row("bare node:http handler, same database work", baseline, "1.00×"));
console.log(
  row(
    "Hiveboard REST (key checked, zod, action catalog)",
    ours,
    `${(rate(ours) / rate(baseline)).toFixed(2)}×`,
  ),
);
if (ours.failed || baseline.failed) {
  console.error(`${ours.failed} Hiveboard and ${baseline.failed} bare requests failed`);
  process.exitCode = 1;
}

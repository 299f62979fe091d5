// Many agents per node: 50, 100, 200 (BENCH_AGENTS) live runs at once on one node, each agent
// printing 5 lines/s (bench/emit-lines.mjs under the command runner, each line stamped with the time
// it was written). For each level: Hiveboard's own overhead per live run — the server process's RSS
// and CPU over BENCH_WINDOW_S (30) beyond the same server idle, agents' processes excluded — and the
// fan-out p50/p99 from an agent's line to the DOM of a browser watching one run; beside the same
// agents writing to /dev/null (no Hiveboard), measured in the same run.
// Targets: ≤ 2 MB and ≤ 0.5 % of a core per run; p99 ≤ 250 ms at 200 runs.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium";
import { signInAs } from "../e2e/sign-in";
import { linesSeen, observeLines } from "./dom-latency";
import {
  addEpics,
  ensureBuilt,
  pct,
  removeDir,
  setFirstPhase,
  startHiveboard,
  startRun,
  today,
} from "./harness";
import { procSample } from "./proc";

const LEVELS = (process.env.BENCH_AGENTS ?? "50,100,200").split(",").map(Number);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 30);
const INTERVAL_MS = 200; // 5 lines/s
const emitter = path.resolve("bench/emit-lines.mjs");
const lines = Math.ceil(((300 + WINDOW_S) * 1000) / INTERVAL_MS); // outlasts the ramp and the window
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds and RSS of a set of processes over `seconds`. */
async function measure(pids: number[], seconds: number) {
  const sum = () =>
    pids
      .map((p) => procSample(p))
      .reduce((a, b) => ({ rssMb: a.rssMb + b.rssMb, cpuSeconds: a.cpuSeconds + b.cpuSeconds }), {
        rssMb: 0,
        cpuSeconds: 0,
      });
  const before = sum();
  await sleep(seconds * 1000);
  const after = sum();
  return { rssMb: after.rssMb, core: (after.cpuSeconds - before.cpuSeconds) / seconds };
}

/** The agents alone: the same processes, stdout to /dev/null. */
async function alone(n: number) {
  const devNull = openSync("/dev/null", "w");
  const procs: ChildProcess[] = Array.from({ length: n }, () =>
    spawn(process.execPath, [emitter, String(lines), String(INTERVAL_MS), "0"], {
      stdio: ["ignore", devNull, "ignore"],
    }),
  );
  await sleep(10_000); // every agent started
  const m = await measure(
    procs.map((p) => p.pid!),
    WINDOW_S,
  );
  for (const p of procs) p.kill("SIGKILL");
  return m;
}

async function hiveboard(n: number) {
  const server = await startHiveboard({ port: 3470 });
  const pid = server.proc.pid!;
  setFirstPhase(server.dbFile, {
    runner: "command",
    command: `node ${emitter} ${lines} ${INTERVAL_MS} 0`,
  });
  const epics = addEpics(server.dbFile, n, "Agent");
  await sleep(3000);
  const idle = await measure([pid], Math.min(10, WINDOW_S));
  const runIds: string[] = [];
  for (const epicId of epics) runIds.push(await startRun(server, epicId));
  // Every run streaming: each has stored an event.
  const db = new Database(server.dbFile, { readonly: true });
  for (let streaming = 0; streaming < n; await sleep(500))
    streaming = (
      db.prepare(`SELECT COUNT(DISTINCT runId) c FROM "RunEvent" WHERE kind = 'log'`).get() as {
        c: number;
      }
    ).c;
  db.close();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await observeLines(page);
  await signInAs(page, server.base, { email: "bench@example.com", password: "bench password 123" });
  await page.goto(`${server.base}/runs/${runIds[0]}`);
  await page.getByTestId("live-indicator").and(page.locator("[data-state=live]")).waitFor();
  const since = Date.now();
  const loaded = await measure([pid], WINDOW_S);
  const latencies = await linesSeen(page, since);
  await browser.close();
  await server.stop();
  removeDir(server.dir);
  const expected = (WINDOW_S * 1000) / INTERVAL_MS;
  if (latencies.length < expected * 0.8)
    throw new Error(
      `${n} runs: the watching page saw ${latencies.length} lines in ${WINDOW_S} s, ${expected} were written`,
    );
  return {
    rssPerRun: (loaded.rssMb - idle.rssMb) / n,
    corePerRun: (loaded.core - idle.core) / n,
    core: loaded.core,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    seen: latencies.length,
  };
}

ensureBuilt();
console.log(
  `Many agents per node: each agent prints 5 lines/s; ${WINDOW_S} s windows; one browser watching one run (${today()})`,
);
console.log(
  "| live runs | agents alone (stdout → /dev/null): CPU, all agents | Hiveboard server CPU | overhead per run: RSS | overhead per run: CPU (% of a core) | fan-out p50 | fan-out p99 |",
);
console.log("|---:|---:|---:|---:|---:|---:|---:|");
let missed = 0;
for (const n of LEVELS) {
  const a = await alone(n);
  const h = await hiveboard(n);
  if (n >= 200 && h.p99 > 250) missed += 1;
  console.log(
    `| ${n} | ${(a.core * 100).toFixed(0)} % of a core | ${(h.core * 100).toFixed(0)} % of a core | ${h.rssPerRun.toFixed(2)} MB (target ≤ 2) | ${(h.corePerRun * 100).toFixed(2)} % (target ≤ 0.5) | ${h.p50} ms | ${h.p99} ms |`,
  );
}
if (missed) console.log("p99 over 250 ms at 200 runs.");

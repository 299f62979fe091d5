// Flat memory over a long day: BENCH_SOAK_RUNS (20) demo agents streaming ~10 events/s each for
// BENCH_SOAK_MINUTES (30; set hours as 120, 480…), one browser on the board and one on a run page
// the whole time — beside a second server with the same pages open and nothing running, for the same
// time (the idle baseline, measured in the same minutes on the same machine). Every BENCH_SOAK_SAMPLE_S
// (30) it records each server's RSS and JS heap after a forced GC (through its inspector) and each
// page's JS heap after a forced GC; prints the slopes in
// MB per hour after a warm-up (the first fifth, at most 5 minutes), the run page's DOM size, and
// whether every event was stored once and reached the run page. Target: slopes ≤ 5 MB/h over idle.
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium";
import { signInAs } from "../e2e/sign-in";
import Database from "better-sqlite3";
import {
  addEpics,
  api,
  ensureBuilt,
  removeDir,
  setFirstPhase,
  startHiveboard,
  startRun,
  today,
  type Hiveboard,
} from "./harness";
import { nodeHeapAfterGc } from "./node-heap";
import { procSample, slope } from "./proc";

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
const RUNS = Number(process.env.BENCH_SOAK_RUNS ?? 20);
const SAMPLE_S = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 30);
const PACE_MS = 200; // the demo agent's pause per tool round (two events): ~10 events/s
const WARM_UP_S = Math.min(300, (MINUTES * 60) / 5);

type Side = {
  name: string;
  server: Hiveboard;
  browsers: Browser[];
  board: Page;
  run: Page;
  runIds: string[];
  inspectPort: number;
  rss: [number, number][];
  heap: { server: [number, number][]; board: [number, number][]; run: [number, number][] };
  dom: number[];
};

async function openPage(server: Hiveboard, url: string): Promise<[Browser, Page]> {
  // A browser each: pages of one site would otherwise share a renderer and its heap.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await signInAs(page, server.base, { email: "soak@example.com", password: "soak password 123" });
  await page.goto(`${server.base}${url}`);
  return [browser, page];
}

/** JS heap in use after a full GC, in MB, as DevTools reads it. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

async function side(name: string, port: number, runs: number): Promise<Side> {
  const steps = Math.ceil((MINUTES * 60 * 1000) / PACE_MS) + 50;
  const inspectPort = port + 1000;
  const server = await startHiveboard({
    port,
    nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
    env: { HIVEBOARD_DEMO_PACE_MS: String(PACE_MS), HIVEBOARD_DEMO_STEPS: String(steps) },
  });
  setFirstPhase(server.dbFile, { maxTurns: steps * 4, timeoutSec: MINUTES * 60 * 4 });
  const epics = addEpics(server.dbFile, Math.max(1, runs), `Soak ${name}`);
  const runIds: string[] = [];
  for (const epicId of epics.slice(0, Math.max(1, runs)))
    runIds.push(await startRun(server, epicId));
  if (!runs) {
    // The idle side's run page shows a run that has stopped: the same page, nothing arriving.
    await waitForEvents(server, runIds[0], 5);
    await api(server, `/runs/${runIds[0]}/kill`, "POST");
  }
  const [b1, board] = await openPage(server, "/projects/demo/board");
  const [b2, run] = await openPage(server, `/runs/${runIds[0]}`);
  return {
    name,
    server,
    browsers: [b1, b2],
    board,
    run,
    runIds: runs ? runIds : [],
    inspectPort,
    rss: [],
    heap: { server: [], board: [], run: [] },
    dom: [],
  };
}

async function waitForEvents(server: Hiveboard, runId: string, count: number) {
  for (;;) {
    const { events } = await api<{ events: unknown[] }>(
      server,
      `/runs/${runId}/events?limit=${count}`,
    );
    if (events.length >= count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function sample(s: Side, t: number) {
  s.rss.push([t, procSample(s.server.proc.pid!).rssMb]);
  s.heap.server.push([t, await nodeHeapAfterGc(s.inspectPort)]);
  s.heap.board.push([t, await heapAfterGc(s.board)]);
  s.heap.run.push([t, await heapAfterGc(s.run)]);
  s.dom.push(await s.run.evaluate(() => document.querySelectorAll("*").length));
}

ensureBuilt();
const [loaded, idle] = await Promise.all([side("loaded", 3460, RUNS), side("idle", 3461, 0)]);
const started = Date.now();
const until = started + MINUTES * 60_000;
while (Date.now() < until) {
  const t = (Date.now() - started) / 3_600_000; // hours
  await sample(loaded, t);
  await sample(idle, t);
  await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
}

// Stop the agents; then every run's events must be stored once each, and the run page must hold the last.
for (const id of loaded.runIds)
  await api(loaded.server, `/runs/${id}/kill`, "POST").catch(() => null);
const db = new Database(loaded.server.dbFile, { readonly: true });
let stored = 0;
let gaps = 0;
for (const id of loaded.runIds) {
  const r = db
    .prepare(
      `SELECT COUNT(*) n, MAX(seq) top, COUNT(DISTINCT seq) d FROM "RunEvent" WHERE runId = ?`,
    )
    .get(id) as { n: number; top: number; d: number };
  stored += r.n;
  if (r.n !== r.top || r.d !== r.n) gaps += 1;
}
const watched = db
  .prepare(`SELECT MAX(seq) top FROM "RunEvent" WHERE runId = ?`)
  .get(loaded.runIds[0]) as { top: number };
db.close();
let onPage = 0;
for (let i = 0; i < 100 && onPage < watched.top; i++) {
  onPage = await loaded.run.evaluate(() =>
    Number(document.querySelector("[data-testid=transcript]")?.getAttribute("data-last-seq")),
  );
  if (onPage < watched.top) await new Promise((r) => setTimeout(r, 300));
}

const after = (points: [number, number][]) => points.filter(([t]) => t * 3600 >= WARM_UP_S);
const mbh = (points: [number, number][]) => slope(after(points));
const f = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(1)} MB/h`;
const last = (points: [number, number][]) => points[points.length - 1]?.[1].toFixed(0);
console.log(
  `Soak: ${RUNS} demo agents at ~10 events/s for ${MINUTES} min, sampled every ${SAMPLE_S} s, slopes after ${Math.round(WARM_UP_S / 60)} min of warm-up (${today()})`,
);
console.log(
  "| | idle (same pages, nothing running) | loaded | loaded − idle (target ≤ 5 MB/h) | at the end, loaded |",
);
console.log("|---|---:|---:|---:|---:|");
const line = (what: string, a: [number, number][], b: [number, number][]) =>
  console.log(`| ${what} | ${f(mbh(a))} | ${f(mbh(b))} | ${f(mbh(b) - mbh(a))} | ${last(b)} MB |`);
line("server RSS", idle.rss, loaded.rss);
line("server JS heap after GC", idle.heap.server, loaded.heap.server);
line("board page JS heap after GC", idle.heap.board, loaded.heap.board);
line("run page JS heap after GC", idle.heap.run, loaded.heap.run);
console.log(
  `\nEvents stored: ${stored.toLocaleString()} (${Math.round(stored / RUNS / (MINUTES * 60))}/s per run); runs with a gap or a double: ${gaps}. The watched run's last event: #${watched.top}, on the page: #${onPage}. Run page DOM elements: ${Math.min(...loaded.dom)}–${Math.max(...loaded.dom)} (idle ${Math.min(...idle.dom)}–${Math.max(...idle.dom)}).`,
);
for (const s of [loaded, idle]) {
  for (const b of s.browsers) await b.close();
  await s.server.stop();
  removeDir(s.server.dir);
}
if (gaps || onPage < watched.top) {
  console.error("Events were lost: see above.");
  process.exitCode = 1;
}

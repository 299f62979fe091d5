// Fan-out latency: from an agent writing a line to that line being in the DOM of a browser
// watching the run page, p50 and p99, with 1 and with 20 concurrent runs, next to a raw WebSocket
// (the `ws` package) pushing the same payload into the same browser, measured in the same run.
// The real server (production build), the real command runner, real Chromium. Clocks: one machine.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { WebSocketServer } from "ws";
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
  type Hiveboard,
} from "./harness";

const WS_PORT = 3401;
const LINES = Number(process.env.BENCH_LINES ?? 120);
const INTERVAL_MS = 50;

/** Every line's latency, or a loud failure naming the scenario and how many lines arrived. */
async function collect(
  page: Page,
  expected: number,
  scenario: string,
  since = 0,
): Promise<number[]> {
  const until = Date.now() + 60_000;
  let values: number[] = [];
  while (Date.now() < until) {
    values = await linesSeen(page, since);
    if (values.length >= expected) return values;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${scenario}: ${values.length} of ${expected} lines reached the page within 60 s (${page.url()})`,
  );
}
async function hiveboard(server: Hiveboard, page: Page, concurrent: number): Promise<number[]> {
  // The lines start once every run has started and the page watches (~300 ms a run to start).
  const emitter = path.resolve("bench/emit-lines.mjs");
  setFirstPhase(server.dbFile, {
    runner: "command",
    command: `node ${emitter} ${LINES} ${INTERVAL_MS} ${2500 + 300 * concurrent}`,
  });
  const runIds: string[] = [];
  for (const epicId of addEpics(server.dbFile, concurrent, "Fan-out"))
    runIds.push(await startRun(server, epicId));
  await page.goto(`${server.base}/runs/${runIds[0]}`);
  await page.getByTestId("live-indicator").and(page.locator("[data-state=live]")).waitFor();
  return collect(page, LINES, `Hiveboard, ${concurrent} concurrent run(s)`, Date.now());
}

async function rawWebSocket(page: Page): Promise<number[]> {
  // Its own page, a static file on its own port: nothing of Hiveboard's loads or hydrates there.
  const html = readFileSync(path.resolve("bench/static/raw-ws.html"));
  const http = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end(html),
  );
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((r) => http.listen(WS_PORT, "127.0.0.1", r));
  const connected = new Promise<import("ws").WebSocket>((r) => wss.once("connection", r));
  await page.goto(`http://127.0.0.1:${WS_PORT}/`);
  await page.locator("body[data-state=live]").waitFor({ state: "attached" });
  const socket = await connected;
  for (let i = 0; i < LINES; i++) {
    socket.send(
      JSON.stringify({
        v: 1,
        runId: "raw",
        seq: i + 1,
        kind: "log",
        data: { stream: "stdout", line: `hb-ts=${Date.now()} line ${i} ${"x".repeat(60)}` },
        at: new Date().toISOString(),
      }),
    );
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  const values = await collect(page, LINES, "the raw WebSocket baseline");
  wss.close();
  http.close();
  return values;
}

ensureBuilt();
const server = await startHiveboard({ port: 3400 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await observeLines(page);
  await signInAs(page, server.base, {
    email: "bench@example.com",
    password: "bench password 123",
  });
  const raw = await rawWebSocket(page);
  const one = await hiveboard(server, page, 1);
  const twenty = await hiveboard(server, page, 20);
  const row = (name: string, v: number[]) =>
    `| ${name} | ${pct(v, 50)} | ${pct(v, 99)} | ${pct(raw, 50)} | ${pct(raw, 99)} | ${pct(v, 50) - pct(raw, 50)} |`;
  console.log(
    `Fan-out latency, agent line → watching browser's DOM, ${LINES} lines per scenario, ms (${today()})`,
  );
  console.log("| scenario | p50 | p99 | raw WebSocket p50 | raw WebSocket p99 | p50 over raw |");
  console.log("|---|---:|---:|---:|---:|---:|");
  console.log(row("1 run", one));
  console.log(row("20 concurrent runs", twenty));
} finally {
  await browser.close();
  await server.stop();
  removeDir(server.dir);
}

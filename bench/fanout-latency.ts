// Fan-out latency: from an agent writing a line to that line being in the DOM of a browser
// watching the run page, p50 and p99, with 1 and with 20 concurrent runs, next to a raw WebSocket
// (the `ws` package) pushing the same payload into the same browser, measured in the same run.
// The real server (production build), the real command runner, real Chromium. Clocks: one machine.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type Page } from "@playwright/test";
import { WebSocketServer } from "ws";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium";
import { signInAs } from "../e2e/sign-in";
import { linesSeen, observeLines } from "./dom-latency";

const PORT = 3400;
const WS_PORT = 3401;
const LINES = Number(process.env.BENCH_LINES ?? 120);
const INTERVAL_MS = 50;
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-fanout-"));
const dbFile = path.join(dir, "fanout.db");
const ADMIN_KEY = `bench-${randomUUID()}`;

if (!existsSync(".next/BUILD_ID"))
  spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    "node_modules/.bin/tsx",
    ["--import", "./scripts/server-only-hook.mjs", "server.ts"],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        HOSTNAME: "127.0.0.1",
        NODE_ENV: "production",
        DATABASE_URL: `file:${dbFile}`,
        HIVEBOARD_DATA_DIR: dir,
        HIVEBOARD_ADMIN_API_KEY: ADMIN_KEY,
      },
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 120; i++) {
    if (
      (
        await fetch(`${base}/api/v1/projects/demo/board`, {
          headers: { "x-api-key": ADMIN_KEY },
        }).catch(() => null)
      )?.ok
    )
      return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

/** The demo project's first phase runs the line emitter; `count` epics to run it on. */
function prepare(count: number, delayMs: number): string[] {
  const db = new Database(dbFile);
  const emitter = path.resolve("bench/emit-lines.mjs");
  db.prepare(`UPDATE "Phase" SET "runner" = 'command', "command" = ? WHERE "key" = 'ANALYZER'`).run(
    `node ${emitter} ${LINES} ${INTERVAL_MS} ${delayMs}`,
  );
  const project = db.prepare(`SELECT id FROM "Project" WHERE slug = 'demo'`).get() as {
    id: string;
  };
  const now = new Date().toISOString().replace("Z", "+00:00");
  const next = (db.prepare(`SELECT MAX(number) n FROM "Epic"`).get() as { n: number }).n;
  const ids = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    db.prepare(
      `INSERT INTO "Epic" (id, projectId, number, title, keyRequirements, phase, status, position, createdAt, updatedAt) VALUES (?, ?, ?, ?, '[]', 'ANALYZER', 'idle', 0, ?, ?)`,
    ).run(id, project.id, next + i + 1, `Fan-out ${i}`, now, now);
    return id;
  });
  db.close();
  return ids;
}

/** Records, once per line, how long after its stamp it appeared in this page's DOM. */
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
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];

async function hiveboard(page: Page, concurrent: number): Promise<number[]> {
  // The lines start once every run has started and the page watches (~300 ms a run to start).
  const epics = prepare(concurrent, 2500 + 300 * concurrent);
  const runIds: string[] = [];
  for (const epicId of epics) {
    const res = await fetch(`${base}/api/v1/runs`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": ADMIN_KEY },
      body: JSON.stringify({ epicId }),
    });
    runIds.push(((await res.json()) as { runId: string }).runId);
  }
  await page.goto(`${base}/runs/${runIds[0]}`);
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

const server = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await observeLines(page);
  await signInAs(page, base, { email: "bench@example.com", password: "bench password 123" });
  const raw = await rawWebSocket(page);
  const one = await hiveboard(page, 1);
  const twenty = await hiveboard(page, 20);
  const row = (name: string, v: number[]) =>
    `| ${name} | ${pct(v, 50)} | ${pct(v, 99)} | ${pct(raw, 50)} | ${pct(raw, 99)} | ${pct(v, 50) - pct(raw, 50)} |`;
  console.log(
    `Fan-out latency, agent line → watching browser's DOM, ${LINES} lines per scenario, ms (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch})`,
  );
  console.log("| scenario | p50 | p99 | raw WebSocket p50 | raw WebSocket p99 | p50 over raw |");
  console.log("|---|---:|---:|---:|---:|---:|");
  console.log(row("1 run", one));
  console.log(row("20 concurrent runs", twenty));
} finally {
  await browser.close();
  server.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}

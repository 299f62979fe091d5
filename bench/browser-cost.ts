// What a browser pays, measured on the production build:
//   1. First-load JavaScript per route, gzip, from the build's own output
//      (.next/diagnostics/route-bundle-stats.json), against the budgets (board ≤ 250 KB, inbox ≤ 200 KB)
//      and against Next.js's own floor (its not-found page: framework and root layout only).
//   2. Time from `npm start` of a built install (fresh data folder: migrate, seed) to the first
//      answered request, against `next start` of the same build and a bare node:http server.
//   3. Interaction to next paint while typing in the run page's composer during a fast run
//      (Chromium's event timing), against the same typing once the run has ended. Target ≤ 200 ms.
// (The card drop's INP on a 1,000-epic board is in bench/board-render.ts.)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium";
import { signInAs } from "../e2e/sign-in";
import { benchDir, ensureBuilt, median, removeDir, startHiveboard, today } from "./harness";
import { readInteractions, recordInteractions } from "./event-timing";

ensureBuilt();
const KB = 1024;

// 1. First-load JS.
type RouteStats = { route: string; firstLoadChunkPaths: string[] };
const stats = JSON.parse(
  readFileSync(".next/diagnostics/route-bundle-stats.json", "utf8"),
) as RouteStats[];
const gz = new Map<string, number>();
const gzipOf = (file: string) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file)).length);
  return gz.get(file)!;
};
const firstLoad = (route: string) => {
  const r = stats.find((s) => s.route === route);
  if (!r) throw new Error(`the build lists no route ${route}: is .next from this version?`);
  return r.firstLoadChunkPaths.reduce((sum, f) => sum + gzipOf(f), 0);
};
const floor = firstLoad("/_not-found");
const routes: [string, string, number | null][] = [
  ["board", "/projects/[slug]/board", 250],
  ["run page", "/runs/[id]", null],
  ["inbox", "/decisions", 200],
  ["metrics", "/metrics", null],
];
console.log(`What a browser pays (${today()})`);
console.log(
  "| first-load JavaScript, gzip | KB | over Next.js's floor (framework + root layout) | budget |",
);
console.log("|---|---:|---:|---:|");
console.log(`| Next.js's floor (not-found page) | ${Math.round(floor / KB)} | 1.00× | — |`);
let overBudget = 0;
for (const [name, route, budget] of routes) {
  const bytes = firstLoad(route);
  if (budget && bytes > budget * KB) overBudget += 1;
  console.log(
    `| ${name} (${route}) | ${Math.round(bytes / KB)} | ${(bytes / floor).toFixed(2)}× | ${budget ? `≤ ${budget} KB ${bytes <= budget * KB ? "✓" : "✗"}` : "—"} |`,
  );
}

// 2. Start-up: spawn, then ask every 10 ms until something answers.
async function timeToFirstAnswer(cmd: string, args: string[], port: number, urlPath: string) {
  const dir = benchDir("start");
  const started = performance.now();
  const proc = spawn(cmd, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dir, "start.db")}`,
      HIVEBOARD_DATA_DIR: dir,
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${cmd} ${args.join(" ")} exited early`);
      const ok = (await fetch(`http://127.0.0.1:${port}${urlPath}`).catch(() => null))?.ok;
      if (ok) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error(`${cmd} did not answer in 120 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    process.kill(-proc.pid!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    removeDir(dir);
  }
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const starts = { bare: [] as number[], next: [] as number[], ours: [] as number[] };
for (let i = 0; i < ROUNDS; i++) {
  starts.bare.push(
    await timeToFirstAnswer(
      process.execPath,
      [
        "-e",
        "require('http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT,'127.0.0.1')",
      ],
      3450,
      "/",
    ),
  );
  starts.next.push(
    await timeToFirstAnswer("node_modules/.bin/next", ["start", "-p", "3451"], 3451, "/api/health"),
  );
  starts.ours.push(await timeToFirstAnswer("npm", ["start"], 3452, "/api/health"));
}
const s = (xs: number[]) => `${(median(xs) / 1000).toFixed(2)} s`;
console.log(`\n| start-up to the first answered request (median of ${ROUNDS}) | time | ratio |`);
console.log("|---|---:|---:|");
console.log(`| bare node:http server | ${s(starts.bare)} | 1.00× |`);
console.log(
  `| \`next start\`, same build | ${s(starts.next)} | ${(median(starts.next) / median(starts.bare)).toFixed(1)}× |`,
);
console.log(
  `| \`npm start\` (fresh data folder: migrate, seed, server.ts) | ${s(starts.ours)} | ${(median(starts.ours) / median(starts.bare)).toFixed(1)}× |`,
);

// 3. Typing in the composer while a run streams fast, then once it has ended.
const server = await startHiveboard({ port: 3453 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const db = new Database(server.dbFile);
  const emitter = path.resolve("bench/emit-lines.mjs");
  // 1,500 lines, 10 ms apart: 100 events/s for ~15 s.
  db.prepare(`UPDATE "Phase" SET "runner" = 'command', "command" = ? WHERE "key" = 'ANALYZER'`).run(
    `node ${emitter} 1500 10 0`,
  );
  const epicId = (
    db.prepare(`SELECT id FROM "Epic" WHERE phase = 'ANALYZER' ORDER BY number LIMIT 1`).get() as {
      id: string;
    }
  ).id;
  db.close();
  const page = await browser.newPage();
  await signInAs(page, server.base, { email: "bench@example.com", password: "bench password 123" });
  const res = await fetch(`${server.base}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": server.key },
    body: JSON.stringify({ epicId }),
  });
  const { runId } = (await res.json()) as { runId: string };
  await page.goto(`${server.base}/runs/${runId}`);
  // Streaming: 50 events in.
  await page.waitForFunction(
    () =>
      Number(document.querySelector("[data-testid=transcript]")?.getAttribute("data-count")) >= 50,
  );
  const typing = await typeInComposer(page);
  const received = await page.evaluate(() =>
    Number(document.querySelector("[data-testid=transcript]")?.getAttribute("data-count")),
  );
  for (let ended = false; !ended; await new Promise((r) => setTimeout(r, 250))) {
    const run = await fetch(`${server.base}/api/v1/runs/${runId}`, {
      headers: { "x-api-key": server.key },
    });
    ended = ((await run.json()) as { status: string }).status !== "running";
  }
  await page.reload();
  await page.getByLabel("Feedback for the agent").waitFor();
  await page.waitForLoadState("networkidle"); // the transcript's lazy parts in
  const idle = await typeInComposer(page);
  console.log(
    `\n| typing 40 characters in the run page's composer | INP (worst interaction) | p50 interaction | ratio |`,
  );
  console.log("|---|---:|---:|---:|");
  console.log(
    `| run ended (page idle) | ${Math.round(idle.worst)} ms | ${Math.round(idle.p50)} ms | 1.00× |`,
  );
  console.log(
    `| run streaming 100 events/s (${received} events in when typing ended) | ${Math.round(typing.worst)} ms | ${Math.round(typing.p50)} ms | ${(typing.worst / Math.max(1, idle.worst)).toFixed(2)}× (target ≤ 200 ms) |`,
  );
} finally {
  await browser.close();
  await server.stop();
  removeDir(server.dir);
}
if (overBudget) console.log(`\n${overBudget} route(s) over their first-load budget.`);

async function typeInComposer(page: Page) {
  const box = page.getByLabel("Feedback for the agent");
  await box.click();
  await recordInteractions(page);
  const text = "please keep the public API unchanged ok";
  await page.keyboard.type(text, { delay: 60 });
  const recorded = await readInteractions(page);
  if ((await box.inputValue()) !== text) throw new Error("the composer lost keys while typing");
  await box.fill("");
  // Keys Chromium did not report took under 16 ms: counted as 16 (an upper bound).
  const all = [...recorded, ...Array(Math.max(0, text.length - recorded.length)).fill(16)];
  return { worst: Math.max(16, ...recorded), p50: median(all) };
}

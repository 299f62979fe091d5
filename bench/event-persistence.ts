// Event persistence: events/s that runs store through the real LiveRun persister (seq, batch
// transaction with the run's figures, publish) at 1, 20 and 100 concurrent runs, next to the raw
// driver's batched inserts of the same rows measured in the same process: better-sqlite3, or `pg`
// when BENCH_POSTGRES_URL names a PostgreSQL server (a fresh database is made and dropped).
// Also checks that every event is stored exactly once. Run: npm run bench:persistence
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-bench-"));
const pgServer = process.env.BENCH_POSTGRES_URL;
const pgName = `hb_bench_${process.pid}`;
async function pgAdmin(sql: string) {
  const { Client } = await import("pg");
  const c = new Client({ connectionString: pgServer });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}
if (pgServer) {
  await pgAdmin(`CREATE DATABASE ${pgName}`);
  const u = new URL(pgServer);
  u.pathname = `/${pgName}`;
  process.env.DATABASE_URL = u.toString();
} else process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.HIVEBOARD_DATA_DIR = dir;

const { migrateDatabase } = await import("@/lib/db/migrate");
const { payload, rawPgCopy, rawPgInsert, rawSqlite } = await import("./persistence-baselines");
const { dbReady, getDb, closeDb } = await import("@/lib/db/client");
const { LiveRun } = await import("@/lib/run-engine/live-run");
const { insertProject } = await import("@/lib/services/projects");
const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");
const { toRunSummary } = await import("@/lib/db/runs");

await migrateDatabase(process.env.DATABASE_URL);
await dbReady();
const db = getDb();
const project = await insertProject(db, {
  name: "Bench",
  slug: "bench",
  repo: dir,
  defaultBranch: "main",
  description: "",
});
const TOTAL = Number(process.env.BENCH_EVENTS ?? 20_000);

async function makeRuns(n: number) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    const epic = await db.epic.create({
      data: {
        projectId: project.id,
        number: (await db.epic.count()) + 1,
        title: `bench ${i}`,
        phase: "ANALYZER",
        keyRequirements: [],
      },
    });
    runs.push(
      await db.run.create({
        data: {
          projectId: project.id,
          epicId: epic.id,
          phase: "ANALYZER",
          runner: "demo",
          workflow: "bench",
          maxTurns: 200,
          timeoutSec: 600,
          status: "running",
        },
      }),
    );
  }
  return runs;
}

/** Each run receives its events in bursts, as an agent's stdout chunks arrive. */
async function ours(concurrency: number): Promise<number> {
  const runs = await makeRuns(concurrency);
  const per = Math.floor(TOTAL / concurrency);
  const started = performance.now();
  await Promise.all(
    runs.map(async (run) => {
      const live = new LiveRun(
        { ...run, maxTurns: 10_000 },
        toRunSummary(run),
        0,
        {
          status: "running",
          turns: 0,
          currentAction: null,
          costUsd: 0,
          inputTokens: 0,
          outputTokens: 0,
          sessionId: null,
          resultSummary: null,
        },
        SYSTEM_ACTOR,
        {
          onTurnLimit: () => undefined,
          onApprovalRequest: () => undefined,
          onApprovalCancelled: () => undefined,
          poke: () => undefined,
        },
      );
      for (let i = 0; i < per; i++) {
        live.record("log", payload(i));
        if (i % 8 === 7) await new Promise((r) => setImmediate(r));
      }
      await live.flush();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const run of runs) {
    const rows = await db.runEvent.findMany({
      where: { runId: run.id },
      select: { seq: true },
      orderBy: { seq: "asc" },
    });
    if (rows.length !== per || rows.some((r, i) => r.seq !== i + 1))
      throw new Error(`run ${run.id}: ${rows.length} of ${per} events, or seqs out of order`);
  }
  return (per * concurrency) / seconds;
}

const [fair, limit] = pgServer
  ? ["raw pg, 100-row INSERTs", "raw pg, one COPY FROM STDIN"]
  : ["raw better-sqlite3, 100-row transactions", "raw better-sqlite3, one transaction of all rows"];
const url = process.env.DATABASE_URL;
const baseline = (n: number, round: number) =>
  pgServer ? rawPgInsert(url, TOTAL, n, round) : rawSqlite(dir, TOTAL, n, round, 100);
const fastest = (n: number, round: number) =>
  pgServer ? rawPgCopy(url, TOTAL, n, round) : rawSqlite(dir, TOTAL, n, round, TOTAL);
console.log(
  `Event persistence on ${pgServer ? "PostgreSQL" : "SQLite"}, ${TOTAL.toLocaleString()} events per scenario, median of ${process.env.BENCH_ROUNDS ?? 3} rounds after a warm-up (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch})`,
);
console.log(
  `| concurrent runs | Hiveboard events/s | ${fair} | ratio | ${limit} | ratio | lost or doubled |`,
);
console.log("|---:|---:|---:|---:|---:|---:|---:|");
// Every side warm (JIT, page cache) before anything counts; then ROUNDS interleaved passes, and the
// median of each: one noisy pass on a shared 2-core machine no longer decides the ratio.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await baseline(1, -1);
await fastest(1, -1);
await ours(1);
for (const n of [1, 20, 100]) {
  const [bases, limits, mines]: number[][] = [[], [], []];
  for (let round = 0; round < ROUNDS; round++) {
    bases.push(await baseline(n, round));
    limits.push(await fastest(n, round));
    mines.push(await ours(n));
  }
  const [mine, base, top] = [median(mines), median(bases), median(limits)];
  const f = (x: number) => Math.round(x).toLocaleString();
  console.log(
    `| ${n} | ${f(mine)} | ${f(base)} | ${(mine / base).toFixed(2)}× | ${f(top)} | ${(mine / top).toFixed(2)}× | 0 |`,
  );
}
await closeDb();
if (pgServer) await pgAdmin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
rmSync(dir, { recursive: true, force: true });

// The baselines of bench/event-persistence.ts: the same event rows written straight through the raw
// drivers, with no product code in between.
//   SQLite: one prepared INSERT in transactions of `batch` rows (100: fair to a live stream that must
//           be durable within a moment; all rows at once: the limit of the driver).
//   PostgreSQL: `pg` multi-row INSERTs of 100 rows, and COPY … FROM STDIN (pg-copy-streams), the
//           fastest way into PostgreSQL.
import Database from "better-sqlite3";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { migrateSqlite } from "@/lib/db/migrate";

export const payload = (i: number) => ({ stream: "stdout", line: `line ${i}: ${"x".repeat(80)}` });

/** Rows in the order a live stream produces them: each run's i-th event, then the next i. */
function* rowsOf(runIds: string[], per: number) {
  for (let i = 0; i < per; i++)
    for (const id of runIds) yield [id, i + 1, JSON.stringify(payload(i))] as const;
}

export function rawSqlite(
  dir: string,
  total: number,
  concurrency: number,
  round: number,
  batchSize: number,
): number {
  const file = path.join(dir, `raw-${concurrency}-${round}-${batchSize}.db`);
  migrateSqlite(`file:${file}`);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const per = Math.floor(total / concurrency);
  const runIds = Array.from({ length: concurrency }, (_, i) => `raw-run-${i}`);
  sqlite
    .prepare(
      `INSERT INTO "Project" (id, slug, name, repo, updatedAt) VALUES ('p', 'p', 'p', '.', 0)`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO "Epic" (id, projectId, number, title, keyRequirements, phase, updatedAt) VALUES ('e', 'p', 1, 'e', '[]', 'A', 0)`,
    )
    .run();
  const addRun = sqlite.prepare(
    `INSERT INTO "Run" (id, projectId, epicId, phase, runner, workflow, maxTurns, timeoutSec) VALUES (?, 'p', 'e', 'A', 'demo', 'bench', 1, 1)`,
  );
  for (const id of runIds) addRun.run(id);
  const insert = sqlite.prepare(
    `INSERT INTO "RunEvent" (runId, seq, kind, data, createdAt) VALUES (?, ?, 'log', ?, ?)`,
  );
  const batch = sqlite.transaction((rows: (readonly [string, number, string])[]) => {
    for (const r of rows) insert.run(...r, Date.now());
  });
  const started = performance.now();
  let rows: (readonly [string, number, string])[] = [];
  for (const row of rowsOf(runIds, per)) {
    rows.push(row);
    if (rows.length === batchSize) {
      batch(rows);
      rows = [];
    }
  }
  batch(rows);
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return (per * concurrency) / seconds;
}

async function pgSetup(url: string, concurrency: number, tag: string) {
  const { Client } = await import("pg");
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(
    `INSERT INTO "Project" (id, slug, name, repo, "updatedAt") VALUES ($1, $1, $1, '.', now())`,
    [tag],
  );
  await c.query(
    `INSERT INTO "Epic" (id, "projectId", number, title, "keyRequirements", phase, "updatedAt") VALUES ($1, $1, 1, 'e', '[]', 'A', now())`,
    [tag],
  );
  const runIds = Array.from({ length: concurrency }, (_, i) => `${tag}-run-${i}`);
  for (const id of runIds)
    await c.query(
      `INSERT INTO "Run" (id, "projectId", "epicId", phase, runner, workflow, "maxTurns", "timeoutSec") VALUES ($1, $2, $2, 'A', 'demo', 'bench', 1, 1)`,
      [id, tag],
    );
  return { c, runIds };
}

/** `pg` multi-row INSERTs of 100 rows, one statement each. */
export async function rawPgInsert(
  url: string,
  total: number,
  concurrency: number,
  round: number,
): Promise<number> {
  const { c, runIds } = await pgSetup(url, concurrency, `ins${concurrency}r${round}`);
  const per = Math.floor(total / concurrency);
  const started = performance.now();
  let rows: unknown[][] = [];
  const flush = async () => {
    if (!rows.length) return;
    await c.query(
      `INSERT INTO "RunEvent" ("runId", seq, kind, data, "createdAt") VALUES ${rows.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, 'log', $${i * 4 + 3}::jsonb, $${i * 4 + 4})`).join(", ")}`,
      rows.flat(),
    );
    rows = [];
  };
  for (const row of rowsOf(runIds, per)) {
    rows.push([...row, new Date()]);
    if (rows.length === 100) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  await c.end();
  return (per * concurrency) / seconds;
}

/** Every row in one COPY … FROM STDIN (text format). */
export async function rawPgCopy(
  url: string,
  total: number,
  concurrency: number,
  round: number,
): Promise<number> {
  const { from } = await import("pg-copy-streams");
  const { c, runIds } = await pgSetup(url, concurrency, `copy${concurrency}r${round}`);
  const per = Math.floor(total / concurrency);
  // COPY's text format: tab-separated, backslash escapes (the JSON payloads hold neither tabs nor newlines).
  const escape = (s: string) => s.replace(/\\/g, "\\\\");
  const started = performance.now();
  const now = new Date().toISOString();
  // Lines in chunks of 1,000 (~150 KB): one CopyData message per chunk, not per row.
  const lines = (function* () {
    let chunk = "";
    let n = 0;
    for (const [id, seq, data] of rowsOf(runIds, per)) {
      chunk += `${id}\t${seq}\tlog\t${escape(data)}\t${now}\n`;
      if (++n % 1000 === 0) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  })();
  await pipeline(
    Readable.from(lines),
    c.query(from(`COPY "RunEvent" ("runId", seq, kind, data, "createdAt") FROM STDIN`)),
  );
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await c.query(`SELECT count(*)::int n FROM "RunEvent" WHERE "runId" LIKE $1`, [
    `copy${concurrency}r${round}-%`,
  ]);
  await c.end();
  if (rows[0].n !== per * concurrency)
    throw new Error(`COPY stored ${rows[0].n} of ${per * concurrency} rows`);
  return (per * concurrency) / seconds;
}

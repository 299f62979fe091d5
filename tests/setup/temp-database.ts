// Every test file gets its own real database, migrated with the committed migrations: a SQLite
// file, or — with TEST_POSTGRES_URL (a server URL whose user may create databases) — a fresh
// PostgreSQL database, dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-test-"));
const server = process.env.TEST_POSTGRES_URL;
const pgName = server ? `hb_test_${randomBytes(6).toString("hex")}` : null;

async function admin(sql: string) {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

if (pgName) {
  await admin(`CREATE DATABASE ${pgName}`);
  const url = new URL(server!);
  url.pathname = `/${pgName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
}
process.env.HIVEBOARD_DATA_DIR = path.join(dir, "data");
process.env.HIVEBOARD_DEMO_PACE_MS ??= "15";
// The tests' receivers and fake Automagik servers listen on 127.0.0.1 (outbound.test.ts unsets it).
process.env.HIVEBOARD_OUTBOUND_ALLOW ??= "loopback";

/**
 * Runs a test left going (waiting on a person, or still launching) end before their database goes:
 * otherwise a launch under way writes to a database whose folder was just removed.
 */
async function endLeftoverRuns() {
  type Live = { handle?: { kill: () => void } | null };
  const runs = (globalThis as { __hiveboardRuns?: Map<string, Live> }).__hiveboardRuns;
  const until = Date.now() + 15_000;
  while (runs?.size && Date.now() < until) {
    for (const live of runs.values()) live.handle?.kill();
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  await endLeftoverRuns();
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  if (pgName) await dropTestDatabase(pgName);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * FORCE ends this user's sessions but not an autovacuum worker the server started on the busy
 * database (only a superuser may): that refusal passes within moments, so try again a few times;
 * a database left behind is named hb_test_* and harms nothing, so it does not fail the file.
 */
async function dropTestDatabase(name: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (error) {
      if (attempt === 10)
        return console.warn(
          `could not drop ${name}: ${error instanceof Error ? error.message : error}`,
        );
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

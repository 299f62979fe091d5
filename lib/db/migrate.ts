// Applies the committed migration SQL (prisma/migrations/<stamp>_<name>/migration.sql) in order and
// keeps Prisma's own `_prisma_migrations` bookkeeping, so `prisma migrate deploy` can take over
// wherever its schema engine binary is available. Prisma 7's engine cannot be fetched here.
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
} from "node:fs";
import path from "node:path";

export type MigrateResult = { applied: string[]; total: number };

export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) throw new Error(`Not a SQLite URL: ${databaseUrl}`);
  return databaseUrl.slice("file:".length);
}

export function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The migrations not applied yet, in order; one edited after it was applied stops everything. */
function pending<M extends { name: string; checksum: string }>(
  migrations: M[],
  done: Map<string, string>,
): M[] {
  return migrations.filter((m) => {
    const seen = done.get(m.name);
    if (seen !== undefined && seen !== m.checksum)
      throw new Error(`Migration ${m.name} was edited after it was applied (checksum differs).`);
    return seen === undefined;
  });
}

export function migrateSqlite(
  databaseUrl: string,
  migrationsDir = "prisma/migrations",
): MigrateResult {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  // Only Hiveboard's user may read the database (SQLite gives its -wal and -shm files the same mode).
  if (file !== ":memory:") {
    closeSync(openSync(file, "a", 0o600));
    chmodSync(file, 0o600);
  }
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const done = new Map(
      (
        db
          .prepare(
            `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .all() as {
          migration_name: string;
          checksum: string;
        }[]
      ).map((r) => [r.migration_name, r.checksum]),
    );
    const migrations = listMigrations(migrationsDir);
    const applied: string[] = [];
    for (const m of pending(migrations, done)) {
      // One transaction per migration: a failing one leaves the database as it was before it.
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
        ).run(randomUUID(), m.checksum, m.name);
      })();
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  } finally {
    db.close();
  }
}

/** The same for PostgreSQL (prisma/postgres/migrations), under an advisory lock so nodes starting together take turns. */
export async function migratePostgres(
  databaseUrl: string,
  migrationsDir = "prisma/postgres/migrations",
): Promise<MigrateResult> {
  const { Client } = await import("pg");
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("SELECT pg_advisory_lock(72707369)");
    await db.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const migrations = listMigrations(migrationsDir);
    const applied: string[] = [];
    for (const m of pending(migrations, done)) {
      await db.query("BEGIN");
      try {
        await db.query(m.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await db.query("COMMIT");
      } catch (error) {
        await db.query("ROLLBACK");
        throw error;
      }
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  } finally {
    await db.query("SELECT pg_advisory_unlock(72707369)").catch(() => undefined);
    await db.end();
  }
}

/** Migrates whichever database the URL names. */
export function migrateDatabase(databaseUrl: string): Promise<MigrateResult> {
  return databaseUrl.startsWith("file:")
    ? Promise.resolve(migrateSqlite(databaseUrl))
    : migratePostgres(databaseUrl);
}

import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { listMigrations, migratePostgres, migrateSqlite, sqliteFilePath } from "@/lib/db/migrate";

// Its own SQLite file, whichever database the rest of the suite runs on.
const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "hiveboard-migrate-")), "migrate.db")}`;

/** Scalar fields of each model in prisma/schema.prisma (relation fields have a model as type). */
function schemaModels(): Map<string, string[]> {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  const blocks = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const names = new Set(blocks.map((b) => b[1]));
  return new Map(
    blocks.map(([, name, body]) => [
      name,
      body
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter(
          ([field, type]) =>
            field &&
            type &&
            !field.startsWith("@@") &&
            !/^(\/\/|\/\*|\*)/.test(field) &&
            !names.has(type.replace(/[?[\]]/g, "")),
        )
        .map(([field]) => field),
    ]),
  );
}

describe("migrations on a fresh SQLite file", () => {
  it("apply every committed migration once, with Prisma's bookkeeping", () => {
    const first = migrateSqlite(url);
    expect(first.applied).toEqual(listMigrations("prisma/migrations").map((m) => m.name));
    expect(migrateSqlite(url).applied).toEqual([]);
    const db = new Database(sqliteFilePath(url), { readonly: true });
    const rows = db
      .prepare(`SELECT migration_name, checksum, finished_at FROM _prisma_migrations`)
      .all() as { checksum: string; finished_at: string }[];
    expect(rows).toHaveLength(first.total);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at)).toBe(true);
    db.close();
    // Only Hiveboard's user may read it (an agent running as another user cannot).
    const file = sqliteFilePath(url);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const extra of [`${file}-wal`, `${file}-shm`])
      if (existsSync(extra)) expect(statSync(extra).mode & 0o077, extra).toBe(0);
  });

  it("create a table with every column of every model in the Prisma schema", () => {
    migrateSqlite(url);
    const db = new Database(sqliteFilePath(url), { readonly: true });
    const missing: string[] = [];
    const models = schemaModels();
    expect(models.size).toBeGreaterThanOrEqual(17);
    for (const [table, fields] of models) {
      const columns = new Set(
        (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
          (c) => c.name,
        ),
      );
      if (columns.size === 0) missing.push(`table ${table}`);
      for (const field of fields) if (!columns.has(field)) missing.push(`${table}.${field}`);
    }
    db.close();
    expect(missing).toEqual([]);
  });

  it("refuse to run when an applied migration was edited afterwards", async () => {
    const { mkdtempSync, cpSync, appendFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(`${tmpdir()}/migrations-`);
    cpSync("prisma/migrations", dir, { recursive: true });
    const fileUrl = `file:${dir}/edited.db`;
    migrateSqlite(fileUrl, dir);
    appendFileSync(`${dir}/${listMigrations(dir)[0].name}/migration.sql`, "\n-- edited\n");
    expect(() => migrateSqlite(fileUrl, dir)).toThrow(/edited after it was applied/);
  });
});

describe.runIf(process.env.TEST_POSTGRES_URL)("migrations on PostgreSQL", () => {
  it("apply every committed PostgreSQL migration once, with Prisma's bookkeeping", async () => {
    const pgUrl = process.env.DATABASE_URL!;
    await migratePostgres(pgUrl);
    expect((await migratePostgres(pgUrl)).applied).toEqual([]);
    const { Client } = await import("pg");
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(
      listMigrations("prisma/postgres/migrations").map((m) => m.name),
    );
  });
});

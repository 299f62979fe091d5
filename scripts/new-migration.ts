// `npm run db:migration -- <name>`: writes the SQL for the schema change since the last migration,
// for SQLite and PostgreSQL, in Prisma's folder layout. Prisma 7's `migrate dev` needs a schema
// engine binary that cannot be fetched here; the Prisma 6 CLI (devDependency `prisma6`) diffs two
// datamodels offline with its WebAssembly schema engine when its config names a driver adapter.
// The adapter is only a switch: `migrate diff --from-schema-datamodel` connects to nothing.
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { derivePostgresSchema } from "../lib/db/schema-twin";

const root = process.cwd();
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
const work = mkdtempSync(path.join(tmpdir(), "hiveboard-migration-"));
const fakeEngine = path.join(work, "engine.node");
writeFileSync(fakeEngine, "");

function withUrl(schema: string, provider: "sqlite" | "postgresql"): string {
  const url =
    provider === "sqlite" ? `file:${work}/x.db` : "postgresql://unused@127.0.0.1:1/unused";
  return schema.replace(
    `provider = "${provider}"`,
    `provider = "${provider}"\n  url      = "${url}"`,
  );
}

function diff(provider: "sqlite" | "postgresql", from: string | null, to: string): string {
  const toFile = path.join(work, `${provider}-to.prisma`);
  writeFileSync(toFile, withUrl(to, provider));
  const args = ["migrate", "diff", "--to-schema-datamodel", toFile, "--script"];
  if (from === null) args.push("--from-empty");
  else {
    const fromFile = path.join(work, `${provider}-from.prisma`);
    writeFileSync(fromFile, withUrl(from, provider));
    args.push("--from-schema-datamodel", fromFile);
  }
  writeFileSync(
    path.join(work, "prisma.config.ts"),
    `import { defineConfig } from ${JSON.stringify(path.join(root, "node_modules/prisma6/config.js"))};
import { PrismaBetterSqlite3 } from ${JSON.stringify(path.join(root, "node_modules/@prisma/adapter-better-sqlite3/dist/index.mjs"))};
export default defineConfig({ experimental: { adapter: true }, engine: "js", schema: ${JSON.stringify(toFile)},
  adapter: async () => new PrismaBetterSqlite3({ url: "file:${work}/x.db" }) as any } as any);\n`,
  );
  return execFileSync(
    process.execPath,
    [path.join(root, "node_modules/prisma6/build/index.js"), ...args],
    {
      cwd: work,
      env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: fakeEngine, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    },
  );
}

const current = readFileSync("prisma/schema.prisma", "utf8");
const previous = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, "utf8") : null;
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;

const sqliteSql = diff("sqlite", previous, current);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sqliteSql)) {
  console.log("No schema change since the last migration: nothing written.");
  process.exit(0);
}
const pgSql = diff(
  "postgresql",
  previous && derivePostgresSchema(previous),
  derivePostgresSchema(current),
);

for (const [dir, sql] of [
  ["prisma/migrations", sqliteSql],
  ["prisma/postgres/migrations", pgSql],
] as const) {
  mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, folder, "migration.sql"), sql);
  writeFileSync(
    path.join(dir, "migration_lock.toml"),
    `provider = "${dir.includes("postgres") ? "postgresql" : "sqlite"}"\n`,
  );
}
writeFileSync("prisma/postgres/schema.prisma", derivePostgresSchema(current));
copyFileSync("prisma/schema.prisma", SNAPSHOT);
console.log(`wrote ${folder} for SQLite and PostgreSQL`);

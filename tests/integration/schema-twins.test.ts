import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "@/lib/db/schema-twin";

const dirs = (p: string) =>
  readdirSync(p, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("the SQLite schema and its PostgreSQL twin", () => {
  const sqlite = readFileSync("prisma/schema.prisma", "utf8");

  it("hold the same models (the twin is derived, byte for byte)", () => {
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(
      derivePostgresSchema(sqlite),
    );
  });

  it("have the same migrations, in the same order", () => {
    expect(dirs("prisma/postgres/migrations")).toEqual(dirs("prisma/migrations"));
    for (const name of dirs("prisma/postgres/migrations")) {
      expect(readFileSync(`prisma/postgres/migrations/${name}/migration.sql`, "utf8")).toMatch(
        /CREATE|ALTER|DROP/,
      );
    }
  });

  it("have no schema change waiting for a migration (run `npm run db:migration -- <name>`)", () => {
    expect(readFileSync("prisma/migrations/schema.snapshot.prisma", "utf8")).toBe(sqlite);
  });

  // SQLite changes a column by copying the table through "new_<Table>" (Prisma's redefine route): not a table of ours.
  it("create the same tables on both providers", () => {
    const tables = (dir: string) =>
      dirs(dir)
        .flatMap((m) =>
          [
            ...readFileSync(`${dir}/${m}/migration.sql`, "utf8").matchAll(
              /CREATE TABLE "(?!new_)(\w+)"/g,
            ),
          ].map((x) => x[1]),
        )
        .sort();
    expect(tables("prisma/postgres/migrations")).toEqual(tables("prisma/migrations"));
  });
});

import { describe, expect, it } from "vitest";
import { dialectOf, insertEventsSql, updateRunFiguresSql } from "@/lib/db/sql";

describe("raw SQL by database", () => {
  it("knows the database by its URL", () => {
    expect(dialectOf("file:./data/hiveboard.db")).toBe("sqlite");
    expect(dialectOf("postgresql://u:p@db/hive")).toBe("postgres");
  });
  it("numbers PostgreSQL's placeholders across rows and casts the JSON", () => {
    expect(insertEventsSql(2, "sqlite")).toBe(`INSERT INTO "RunEvent" ("runId", "seq", "kind", "data", "createdAt") VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)`);
    expect(insertEventsSql(2, "postgres")).toBe(`INSERT INTO "RunEvent" ("runId", "seq", "kind", "data", "createdAt") VALUES ($1, $2, $3, $4::jsonb, $5), ($6, $7, $8, $9::jsonb, $10)`);
  });
  it("puts the run id last in the figures update", () => {
    expect(updateRunFiguresSql("postgres")).toMatch(/"lastSeq" = \$9 WHERE "id" = \$10$/);
    expect(updateRunFiguresSql("sqlite").match(/\?/g)).toHaveLength(10);
  });
});

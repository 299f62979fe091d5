import { describe, expect, it } from "vitest";
import { dialectOf, eventRowsParam, insertEventsSql, updateRunFiguresSql } from "@/lib/db/sql";

describe("raw SQL by database", () => {
  it("knows the database by its URL", () => {
    expect(dialectOf("file:./data/hiveboard.db")).toBe("sqlite");
    expect(dialectOf("postgresql://u:p@db/hive")).toBe("postgres");
  });
  it("carries many events as one JSON parameter, with times as Prisma stores them on each database", () => {
    const at = new Date("2026-11-21T10:00:00.123Z");
    const rows = [{ runId: "r", seq: 1, kind: "log", data: { line: 'say "hi"\n' }, at }];
    expect(JSON.parse(eventRowsParam(rows, "sqlite"))).toEqual([
      ["r", 1, "log", { line: 'say "hi"\n' }, "2026-11-21T10:00:00.123+00:00"],
    ]);
    expect(JSON.parse(eventRowsParam(rows, "postgres"))[0][4]).toBe("2026-11-21T10:00:00.123Z");
    expect(insertEventsSql("postgres")).toContain("$1::jsonb");
    expect(insertEventsSql("sqlite").match(/\?/g)).toHaveLength(1);
  });
  it("puts the run id last in the figures update", () => {
    expect(updateRunFiguresSql("postgres")).toMatch(/"lastSeq" = \$9 WHERE "id" = \$10$/);
    expect(updateRunFiguresSql("sqlite").match(/\?/g)).toHaveLength(10);
  });
});

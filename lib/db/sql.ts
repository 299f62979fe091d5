// Raw SQL that differs by database: placeholders (? for SQLite, $n for PostgreSQL) and the jsonb cast.
export type Dialect = "sqlite" | "postgres";

export const dialectOf = (url: string): Dialect =>
  url.startsWith("file:") ? "sqlite" : "postgres";

/**
 * An INSERT of many run events from one parameter, a JSON array of [runId, seq, kind, data, at]
 * rows (see eventRowsParam): the database expands it (json_each / jsonb_array_elements). One
 * parameter instead of five per row spares the client serializing thousands of them.
 */
export function insertEventsSql(dialect: Dialect): string {
  return dialect === "sqlite"
    ? `INSERT INTO "RunEvent" ("runId", "seq", "kind", "data", "createdAt") SELECT value ->> 0, value ->> 1, value ->> 2, value -> 3, value ->> 4 FROM json_each(?)`
    : `INSERT INTO "RunEvent" ("runId", "seq", "kind", "data", "createdAt") SELECT e ->> 0, (e ->> 1)::int, e ->> 2, e -> 3, (e ->> 4)::timestamp(3) FROM jsonb_array_elements($1::jsonb) AS e`;
}

/** The rows for insertEventsSql; times as Prisma stores them (ISO 8601, UTC). */
export function eventRowsParam(
  rows: { runId: string; seq: number; kind: string; data: unknown; at: Date | string }[],
  dialect: Dialect,
): string {
  return JSON.stringify(
    rows.map((r) => {
      const at = typeof r.at === "string" ? r.at : r.at.toISOString();
      return [
        r.runId,
        r.seq,
        r.kind,
        r.data,
        dialect === "sqlite" ? at.replace("Z", "+00:00") : at,
      ];
    }),
  );
}

/** The UPDATE of a run's live figures; the id is the last parameter. */
export function updateRunFiguresSql(dialect: Dialect): string {
  const cols = [
    "status",
    "turns",
    "currentAction",
    "costUsd",
    "inputTokens",
    "outputTokens",
    "sessionId",
    "resultSummary",
    "lastSeq",
  ];
  const p = (i: number) => (dialect === "sqlite" ? "?" : `$${i + 1}`);
  return `UPDATE "Run" SET ${cols.map((c, i) => `"${c}" = ${p(i)}`).join(", ")} WHERE "id" = ${p(cols.length)}`;
}

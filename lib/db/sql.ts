// Raw SQL that differs by database: placeholders (? for SQLite, $n for PostgreSQL) and the jsonb cast.
export type Dialect = "sqlite" | "postgres";

export const dialectOf = (url: string): Dialect => (url.startsWith("file:") ? "sqlite" : "postgres");

/** A multi-row INSERT of run events: (runId, seq, kind, data JSON text, createdAt) × rows. */
export function insertEventsSql(rows: number, dialect: Dialect): string {
  const row = (i: number) =>
    dialect === "sqlite" ? "(?, ?, ?, ?, ?)" : `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::jsonb, $${i * 5 + 5})`;
  return `INSERT INTO "RunEvent" ("runId", "seq", "kind", "data", "createdAt") VALUES ${Array.from({ length: rows }, (_, i) => row(i)).join(", ")}`;
}

/** The UPDATE of a run's live figures; the id is the last parameter. */
export function updateRunFiguresSql(dialect: Dialect): string {
  const cols = ["status", "turns", "currentAction", "costUsd", "inputTokens", "outputTokens", "sessionId", "resultSummary", "lastSeq"];
  const p = (i: number) => (dialect === "sqlite" ? "?" : `$${i + 1}`);
  return `UPDATE "Run" SET ${cols.map((c, i) => `"${c}" = ${p(i)}`).join(", ")} WHERE "id" = ${p(cols.length)}`;
}

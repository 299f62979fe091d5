import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditEntry } from "@/lib/db/audit";
import { getDb, type Tx } from "@/lib/db/client";
import { getCard } from "@/lib/db/epics";
import type { ActionResult } from "@/lib/schemas/common";
import type { BoardChange } from "@/lib/realtime/events";
import { publishBoardChange } from "@/lib/realtime/publish";

type Failure = Extract<ActionResult<never>, { ok: false }>;

export type ChangeOutcome<T> =
  | Failure
  | {
      ok: true;
      value: T;
      audit: AuditEntry;
      board?: { type: BoardChange["type"]; epicId: string | null };
    };

class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export function fail(code: string, message: string, fieldErrors?: Record<string, string>): Failure {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/**
 * Runs one change as one transaction with its audit row, then publishes it to the board.
 * Persist, then emit: the event leaves only after the commit, carrying the audit id as its seq.
 * An expected failure returned by `work` rolls back whatever it had written.
 */
export async function commitChange<T>(
  actor: Actor,
  work: (tx: Tx) => Promise<ChangeOutcome<T>>,
): Promise<ActionResult<T>> {
  let change: BoardChange | null = null;
  try {
    const value = await getDb().$transaction(async (tx) => {
      const out = await work(tx);
      if (!out.ok) throw new Rollback(out);
      const seq = await recordAudit(tx, actor, out.audit);
      if (out.board && out.audit.projectId) {
        const card =
          out.board.epicId && out.board.type !== "epic:deleted"
            ? await getCard(tx, out.board.epicId)
            : null;
        change = {
          v: 1,
          seq,
          projectId: out.audit.projectId,
          type: out.board.type,
          epicId: out.board.epicId,
          card,
          actor: actor.label,
        };
      }
      return out.value;
    });
    if (change) publishBoardChange(change);
    return { ok: true, data: value };
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    throw error;
  }
}

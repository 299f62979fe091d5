import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "@/lib/db/client";

// REST writes sent with an Idempotency-Key: the first is answered and its answer kept a day; a
// repeat from the same caller with the same key gets that answer back and writes nothing. The claim
// is a row with a unique (caller, key), so two copies racing each other cannot both write.

const DAY_MS = 24 * 60 * 60 * 1000;

export const fingerprintOf = (method: string, path: string, body: unknown) =>
  createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");

export type Claim =
  | { kind: "first"; id: string }
  | { kind: "replay"; status: number; body: string }
  | { kind: "in-progress" }
  | { kind: "mismatch" };

export async function claimIdempotencyKey(
  actor: string,
  key: string,
  fingerprint: string,
): Promise<Claim> {
  const db = getDb();
  if (Math.random() < 0.01)
    await db.idempotentRequest.deleteMany({
      where: { createdAt: { lt: new Date(Date.now() - DAY_MS) } },
    });
  try {
    const row = await db.idempotentRequest.create({ data: { actor, key, fingerprint } });
    return { kind: "first", id: row.id };
  } catch {
    const row = await db.idempotentRequest.findUnique({ where: { actor_key: { actor, key } } });
    if (!row) return { kind: "in-progress" };
    if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
    if (row.status === 0) return { kind: "in-progress" };
    return { kind: "replay", status: row.status, body: row.body };
  }
}

/** Keeps the first answer (a server error is not kept: the request may be tried again). */
export async function settleIdempotencyKey(id: string, status: number, body: string) {
  const db = getDb();
  if (status >= 500) await db.idempotentRequest.delete({ where: { id } }).catch(() => undefined);
  else await db.idempotentRequest.update({ where: { id }, data: { status, body } });
}

export const releaseIdempotencyKey = (id: string) =>
  getDb()
    .idempotentRequest.delete({ where: { id } })
    .catch(() => undefined);

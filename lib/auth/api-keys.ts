import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ROLES, type Role } from "@/lib/domain/permissions";

export const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** A new key: shown once, stored only as its hash. */
export function generateKey(): { key: string; prefix: string; hash: string } {
  const key = `hb_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), hash: hashKey(key) };
}

/** The key a request carries: `x-api-key`, or `Authorization: Bearer <key>`. */
export function keyFromHeaders(headers: Headers): string | null {
  const direct = headers.get("x-api-key");
  if (direct) return direct.trim();
  const auth = headers.get("authorization");
  return auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : null;
}

const lastUseWritten = new Map<string, number>();

export async function findActiveKey(key: string) {
  const row = await getDb().apiKey.findUnique({ where: { hash: hashKey(key) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  // Last use is shown to admins; writing it at most once a minute keeps busy clients cheap.
  const now = Date.now();
  if ((lastUseWritten.get(row.id) ?? 0) < now - 60_000) {
    lastUseWritten.set(row.id, now);
    await getDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    ...row,
    role: (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : "viewer",
  };
}

/** HIVEBOARD_ADMIN_API_KEY, when set, is an admin key from start-up on. */
/**
 * HIVEBOARD_ADMIN_API_KEY becomes an admin key at start. One an admin revoked stays revoked (a
 * restart does not undo a revocation): set a new value to have a working key again.
 */
export async function registerEnvAdminKey(): Promise<"registered" | "revoked" | "none"> {
  const key = env().HIVEBOARD_ADMIN_API_KEY;
  if (!key) return "none";
  const hash = hashKey(key);
  const db = getDb();
  const existing = await db.apiKey.findUnique({ where: { hash } });
  if (existing?.revokedAt) {
    console.warn(
      "HIVEBOARD_ADMIN_API_KEY was revoked on /admin and stays revoked: set a new value to have a working admin key.",
    );
    return "revoked";
  }
  await db.apiKey.upsert({
    where: { hash },
    create: { name: "HIVEBOARD_ADMIN_API_KEY", prefix: key.slice(0, 10), hash, role: "admin" },
    update: { role: "admin" },
  });
  return "registered";
}

import "server-only";
import {
  can,
  ROLES,
  RUN_KEY_PERMISSIONS,
  type Permission,
  type Role,
} from "@/lib/domain/permissions";
import { findActiveKey, keyFromHeaders } from "./api-keys";
import { getAuth } from "./better-auth";

/** Who is asking: a signed-in person, an API key, the system itself, or nobody known. */
export type Actor = {
  type: "user" | "api_key" | "system" | "anonymous";
  id: string | null;
  label: string;
  /** null: not signed in (or a key that is wrong, revoked or expired): allowed nothing. */
  role: Role | null;
  sessionId?: string | null;
  ip?: string | null;
  /** Why an anonymous actor is anonymous, for the 401 message. */
  reason?: string;
  /** A key Hiveboard made for one run's agent: it may act only on that run, over MCP. */
  runId?: string | null;
};

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "Hiveboard", role: "admin" };
const anonymous = (reason: string): Actor => ({
  type: "anonymous",
  id: null,
  label: "Anonymous",
  role: null,
  reason,
});

export const asRole = (value: unknown): Role =>
  (ROLES as readonly unknown[]).includes(value) ? (value as Role) : "viewer";

/**
 * The one place that answers "who is asking", for server actions, route handlers, pages and
 * sockets alike: an API key (x-api-key or Authorization: Bearer), else the session cookie.
 */
export async function resolveActor(request: { headers: Headers } | null): Promise<Actor> {
  if (!request) return anonymous("No request.");
  const key = keyFromHeaders(request.headers);
  if (key) {
    const row = await findActiveKey(key);
    return row
      ? {
          type: "api_key",
          id: row.id,
          label: row.runId ? row.name : `API key “${row.name}”`,
          role: row.role,
          runId: row.runId,
        }
      : anonymous("This API key is not valid (wrong, revoked or expired).");
  }
  const session = await getAuth()
    .api.getSession({ headers: request.headers })
    .catch(() => null);
  if (!session) return anonymous("Sign in first.");
  const user = session.user as {
    id: string;
    name: string;
    role?: unknown;
    deactivatedAt?: Date | null;
  };
  if (user.deactivatedAt) return anonymous("This account is deactivated: ask an admin.");
  return {
    type: "user",
    id: user.id,
    label: user.name,
    role: asRole(user.role),
    sessionId: session.session.id,
  };
}

export type Denied = { ok: false; code: "forbidden" | "unauthenticated"; message: string };

/** A run's own key works on the MCP server for that run, nowhere else. */
export function refuseRunScoped(actor: Actor): Denied | null {
  return actor.runId
    ? {
        ok: false,
        code: "forbidden",
        message: `This key belongs to run ${actor.runId}: it works only on the MCP server (/api/mcp), on that run and its epic.`,
      }
    : null;
}

/**
 * The authorization seam: every mutation and read asks here, on the server. A run's own key is
 * refused everywhere unless the caller has checked that the target is that run or its epic
 * (`inRunScope`: the action catalog and the MCP tools do so): one rule for every entrance.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  opts: { inRunScope?: boolean } = {},
): Denied | null {
  if (actor.role === null)
    return { ok: false, code: "unauthenticated", message: actor.reason ?? "Sign in first." };
  if (actor.runId && !opts.inRunScope) return refuseRunScoped(actor);
  if (actor.runId ? RUN_KEY_PERMISSIONS.has(permission) : can(actor.role, permission)) return null;
  return {
    ok: false,
    code: "forbidden",
    message: `Your role (${actor.role}) may not do this (${permission}).`,
  };
}

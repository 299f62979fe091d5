import "server-only";
import { can, type Permission, type Role } from "@/lib/domain/permissions";

/** Who is asking: a person, an API key, or the system itself (seed, supervisor). */
export type Actor = {
  type: "user" | "api_key" | "system";
  id: string | null;
  label: string;
  role: Role;
  ip?: string | null;
};

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "Hiveboard", role: "admin" };

/**
 * Until accounts exist (issue: accounts, roles and hardening) every browser is the local operator
 * of a self-hosted install. This is the one place that answers "who is asking" for server actions,
 * route handlers and sockets, so sign-in replaces only this function's body.
 */
export async function resolveActor(_request: { headers: Headers } | null): Promise<Actor> {
  return { type: "user", id: null, label: "Local operator", role: "admin" };
}

export type Denied = { ok: false; code: "forbidden"; message: string };

/** The authorization seam: every mutation and read asks here, on the server. */
export function authorize(actor: Actor, permission: Permission): Denied | null {
  if (can(actor.role, permission)) return null;
  return { ok: false, code: "forbidden", message: `Your role (${actor.role}) may not do this (${permission}).` };
}

import "server-only";
import { authorize, refuseRunScoped, resolveActor, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/domain/permissions";

/** The one error shape of the HTTP API: {error: {code, message, details}}. */
export function apiError(
  status: number,
  code: string,
  message: string,
  details?: unknown,
): Response {
  return Response.json({ error: { code, message, details: details ?? null } }, { status });
}

/** Who is asking, and whether they may: every route handler starts here. */
export async function authorizeRequest(
  request: Request,
  permission: Permission,
): Promise<{ actor: Actor } | { response: Response }> {
  const actor = await resolveActor({ headers: request.headers });
  const denied = authorize(actor, permission) ?? refuseRunScoped(actor);
  if (!denied) return { actor };
  return {
    response: apiError(denied.code === "unauthenticated" ? 401 : 403, denied.code, denied.message),
  };
}

import "server-only";
import { headers } from "next/headers";
import type { Permission } from "@/lib/domain/permissions";
import { authorize, resolveActor, type Actor } from "./actor";

/** The actor behind the current server action or server component render. */
export async function currentActor(): Promise<Actor> {
  const h = await headers();
  const actor = await resolveActor({ headers: h });
  return { ...actor, ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null };
}

/** For server-rendered pages: the actor, or an error page when they may not read. */
export async function requirePageAccess(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  const denied = authorize(actor, permission);
  if (denied) throw new Error(denied.message);
  return actor;
}

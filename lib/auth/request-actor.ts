import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getProjectForEdit, listProjectsForNav } from "@/lib/services/board";
import { getDb } from "@/lib/db/client";
import type { Permission } from "@/lib/domain/permissions";
import { clientAddressOf } from "@/lib/http/client-address";
import { authorize, resolveActor, type Actor } from "./actor";

/** The actor behind the current server action or server component render. */
export async function currentActor(): Promise<Actor> {
  const h = await headers();
  const actor = await resolveActor({ headers: h });
  return { ...actor, ip: clientIp(h) };
}

/** The client's address as server.ts stamped it: forwarded headers count only from trusted proxies. */
export const clientIp = clientAddressOf;

/**
 * For server-rendered pages: the actor, or off to set-up (no account yet) or sign-in; a signed-in
 * person (or key) without the permission gets 403 and app/forbidden.tsx.
 */
export async function requirePageAccess(permission: Permission, from = "/"): Promise<Actor> {
  const actor = await currentActor();
  const denied = authorize(actor, permission);
  if (denied?.code === "unauthenticated") {
    if ((await getDb().user.count()) === 0) redirect("/setup");
    redirect(`/sign-in?next=${encodeURIComponent(from)}`);
  }
  if (denied) forbidden();
  return actor;
}

/** A project page's prologue: access (or off to sign-in), the project (or 404), the project switcher's list. */
export async function requireProjectPage(slug: string, permission: Permission, subpath: string) {
  const actor = await requirePageAccess(permission, `/projects/${slug}/${subpath}`);
  const [project, projects] = await Promise.all([getProjectForEdit(slug), listProjectsForNav()]);
  if (!project) notFound();
  return { actor, project, projects };
}

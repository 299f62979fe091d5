import "server-only";
import type { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { rateLimit, type LimitedAction } from "@/lib/auth/rate-limit";
import { headers } from "next/headers";
import { clientIp, currentActor } from "@/lib/auth/request-actor";
import type { Permission } from "@/lib/domain/permissions";
import { fieldErrors, type ActionResult } from "@/lib/schemas/common";

export type ActionDefinition<S extends z.ZodType = z.ZodType, T = unknown> = {
  schema: S;
  permission: Permission;
  limit?: LimitedAction;
  service: (actor: Actor, input: z.output<S>) => Promise<ActionResult<T>>;
};

export function action<S extends z.ZodType, T>(
  schema: S,
  permission: Permission,
  service: (actor: Actor, input: z.output<S>) => Promise<ActionResult<T>>,
  limit?: LimitedAction,
): ActionDefinition<S, T> {
  return { schema, permission, service, limit };
}

/**
 * The shape of every server action: parse with zod → authorize on the server → rate-limit where
 * people may hammer → run the service. Bad input never reaches a service, so nothing is written.
 */
export async function runActionAs<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  actor: Actor,
  input: unknown,
): Promise<ActionResult<T>> {
  const parsed = def.schema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: "invalid-input",
      message: "Some fields need fixing.",
      fieldErrors: fieldErrors(parsed.error),
    };
  const denied = authorize(actor, def.permission);
  if (denied) return denied;
  if (def.limit) {
    const limited = await rateLimit(def.limit, actor.id ?? actor.ip ?? "anonymous");
    if (limited) return limited;
  }
  return def.service(actor, parsed.data);
}

export async function runAction<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  input: unknown,
): Promise<ActionResult<T>> {
  return runActionAs(def, await currentActor(), input);
}

/** Actions anyone may call (set-up, sign-in, invite redemption): parsed, rate-limited by the service. */
export async function runPublicAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  service: (input: z.output<S>, ctx: { headers: Headers; ip: string }) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: "invalid-input",
      message: "Some fields need fixing.",
      fieldErrors: fieldErrors(parsed.error),
    };
  const h = await headers();
  return service(parsed.data, { headers: h, ip: clientIp(h) });
}

import "server-only";
import type { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { rateLimit, type LimitedAction } from "@/lib/auth/rate-limit";
import { headers } from "next/headers";
import { clientIp, currentActor } from "@/lib/auth/request-actor";
import type { Permission } from "@/lib/domain/permissions";
import { fieldErrors, type ActionResult } from "@/lib/schemas/common";
import { withinRun, type RunTarget } from "@/lib/services/run-scope";

/**
 * What a run's own key may reach through an action: "agent" (what any agent may add, e.g. a
 * pattern to the library), or the run or epic the input targets — which must be the key's run or
 * its epic. An action without one refuses run keys.
 */
export type RunScope<I> = "agent" | ((input: I) => RunTarget | Promise<RunTarget>);

export type ActionDefinition<S extends z.ZodType = z.ZodType, T = unknown> = {
  schema: S;
  permission: Permission;
  limit?: LimitedAction;
  runScope?: RunScope<z.output<S>>;
  service: (actor: Actor, input: z.output<S>) => Promise<ActionResult<T>>;
};

export function action<S extends z.ZodType, T>(
  schema: S,
  permission: Permission,
  service: (actor: Actor, input: z.output<S>) => Promise<ActionResult<T>>,
  opts: { limit?: LimitedAction; runScope?: RunScope<z.output<S>> } = {},
): ActionDefinition<S, T> {
  return { schema, permission, service, ...opts };
}

async function reachesOnlyItsRun<S extends z.ZodType>(
  def: ActionDefinition<S, unknown>,
  runId: string,
  input: z.output<S>,
): Promise<boolean> {
  if (!def.runScope) return false;
  if (def.runScope === "agent") return true;
  return withinRun(runId, await def.runScope(input));
}

/**
 * The shape of every action, whatever the entrance: who may (the role, and a run's key only on
 * its run) → parse with zod → rate-limit where people may hammer → run the service. Callers who
 * may not learn nothing of the input's rules; bad input never reaches a service.
 */
export async function runActionAs<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  actor: Actor,
  input: unknown,
): Promise<ActionResult<T>> {
  const early = authorize(actor, def.permission, { inRunScope: Boolean(actor.runId) });
  if (early) return early;
  const parsed = def.schema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: "invalid-input",
      message: "Some fields need fixing.",
      fieldErrors: fieldErrors(parsed.error),
    };
  if (actor.runId && !(await reachesOnlyItsRun(def, actor.runId, parsed.data)))
    return {
      ok: false,
      code: "forbidden",
      message: `This key belongs to run ${actor.runId}: it may act only on that run and its epic.`,
    };
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

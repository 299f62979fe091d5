import "server-only";
import type { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/request-actor";
import type { Permission } from "@/lib/domain/permissions";
import { fieldErrors, type ActionResult } from "@/lib/schemas/common";

/**
 * The shape of every server action: parse with zod → authorize on the server → run the service.
 * Bad input never reaches a service, so nothing is written; the form gets field-level messages.
 */
export function defineAction<S extends z.ZodType, T>(
  schema: S,
  permission: Permission,
  service: (actor: Actor, input: z.output<S>) => Promise<ActionResult<T>>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, code: "invalid-input", message: "Some fields need fixing.", fieldErrors: fieldErrors(parsed.error) };
    }
    const actor = await currentActor();
    const denied = authorize(actor, permission);
    if (denied) return denied;
    return service(actor, parsed.data);
  };
}

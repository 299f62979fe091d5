import { z } from "zod";

/** A zod error flattened to { field: first message }, for forms and 422 bodies. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] ??= issue.message;
  }
  return out;
}

export const IdSchema = z.string().trim().min(1, "Missing id").max(64, "Id is too long");

/** The result every server action and service returns: expected failures are values. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export const IdInputSchema = z.object({ id: IdSchema });

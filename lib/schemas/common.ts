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

// Control characters (NUL and the like), lone surrogates (half an emoji: not text) and bidi
// controls (which make a title read differently from what it says, "Trojan Source").
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Why a one-line name people read (a title, a name, a todo) is not plain text, or null. */
export function unsafeText(s: string): string | null {
  if (CONTROL.test(s) || /[\n\r\t]/.test(s))
    return "Use plain text: no control characters or line breaks";
  if (LONE_SURROGATE.test(s)) return "This text has a broken character (half of an emoji?)";
  if (BIDI.test(s)) return "Remove the invisible direction-changing characters";
  return null;
}

/** A one-line text field: trimmed, plain text only. */
export const lineOf = (schema: z.ZodString) =>
  schema.superRefine((s, ctx) => {
    const why = unsafeText(s);
    if (why) ctx.addIssue({ code: "custom", message: why });
  });

/** An agent's model name, as the agent spells it (sonnet, gpt-5, gemini-2.5-pro, opus[1m]…). */
export const ModelNameSchema = z
  .string({ error: "model is a name, like sonnet or gpt-5" })
  .trim()
  .max(100, "A model name is at most 100 characters")
  .regex(/^[\w.:/@[\]-]*$/, "A model name is letters, digits and . : / @ [ ] - _");

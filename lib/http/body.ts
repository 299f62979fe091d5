import "server-only";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { apiError } from "./respond";

/**
 * A request's body as text, read no further than HIVEBOARD_MAX_BODY_BYTES (1 MB by default): past
 * it, 413 — whether the client declared the length or streamed it in chunks.
 */
export async function readBody(request: Request): Promise<string | Response> {
  const max = env().HIVEBOARD_MAX_BODY_BYTES;
  const tooLarge = () =>
    apiError(
      413,
      "body-too-large",
      `The body is larger than ${max.toLocaleString("en")} bytes (HIVEBOARD_MAX_BODY_BYTES).`,
    );
  if (Number(request.headers.get("content-length") ?? 0) > max) return tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write carried by a browser's session cookie must come from Hiveboard's own pages: an Origin of
 * this site and a JSON body (which no plain cross-site form can send). Keys are not cookies: a
 * script with an API key is not asked.
 */
export function refuseCrossSiteWrite(request: Request, actor: Actor): Response | null {
  if (actor.type !== "user" || SAFE.has(request.method)) return null;
  const origin = request.headers.get("origin");
  const own = new Set([new URL(request.url).host, request.headers.get("host")]);
  const publicUrl = env().HIVEBOARD_URL;
  if (publicUrl) own.add(new URL(publicUrl).host);
  let from: string | null = null;
  try {
    from = origin ? new URL(origin).host : null;
  } catch {
    from = null;
  }
  if (!from || !own.has(from))
    return apiError(
      403,
      "cross-site",
      "A signed-in browser writes only from Hiveboard's own pages (the Origin is another site, or missing). Scripts use an API key.",
    );
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    return apiError(
      415,
      "unsupported-media-type",
      "Send the body as JSON: Content-Type: application/json.",
    );
  return null;
}

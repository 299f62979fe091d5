import "server-only";
import type { Actor } from "@/lib/auth/actor";
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  settleIdempotencyKey,
} from "@/lib/services/idempotency";
import { apiError } from "./respond";

/**
 * A write sent with an Idempotency-Key: answered once; a repeat (same caller, same key, same
 * request) gets the first answer back (Idempotent-Replayed: true) and writes nothing again.
 */
export async function idempotent(
  actor: Actor,
  key: string,
  fingerprint: string,
  answer: () => Promise<Response>,
): Promise<Response> {
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    return apiError(
      422,
      "invalid-input",
      "Idempotency-Key is 1 to 200 visible ASCII characters, like a UUID.",
    );
  const claim = await claimIdempotencyKey(actor.id ?? actor.label, key, fingerprint);
  if (claim.kind === "mismatch")
    return apiError(
      422,
      "idempotency-key-reused",
      "This Idempotency-Key was already used for a different request: use a new key for a new request.",
    );
  if (claim.kind === "in-progress")
    return apiError(
      409,
      "idempotency-key-in-progress",
      "A request with this Idempotency-Key is still being answered: try again in a moment.",
    );
  if (claim.kind === "replay")
    return new Response(claim.body, {
      status: claim.status,
      headers: {
        "content-type": "application/json",
        "cache-control": "no-store",
        "idempotent-replayed": "true",
      },
    });
  let response: Response;
  try {
    response = await answer();
  } catch (error) {
    await releaseIdempotencyKey(claim.id);
    throw error;
  }
  const body = await response.text();
  await settleIdempotencyKey(claim.id, response.status, body);
  return new Response(body, { status: response.status, headers: response.headers });
}

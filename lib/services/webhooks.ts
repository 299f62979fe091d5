import "server-only";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { outboundFetch, outboundUrlError } from "@/lib/http/outbound";
import { createHmac, randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db/client";
import { commitChange, fail } from "./commit-change";

export const WEBHOOK_EVENTS = [
  "decision.opened",
  "decision.answered",
  "decision.auto_applied",
  "decision.overdue",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Seconds before attempt 2, 3, … : roughly ×4 each time; after the last, the delivery has failed. */
export const RETRY_DELAYS_S = [1, 4, 16, 64, 256];
const TIMEOUT_MS = 5000;

/** A stored webhook secret, opened (rows from before secrets were sealed hold it plain). */
export function webhookSecret(stored: string): string {
  if (!stored.startsWith("v1.")) return stored;
  const plain = openSecret(stored);
  if (plain === null)
    throw new Error(
      "The webhook's secret cannot be read (the server secret changed): add it again.",
    );
  return plain;
}

/** The signature a receiver recomputes: HMAC-SHA256 of the raw body with the webhook's secret. */
export const signBody = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/**
 * Inside the transaction that changed the decision: one pending delivery per active webhook of
 * the project, so a change is never committed without its notifications (nor sent without it).
 */
export async function queueWebhooks(
  tx: Tx,
  projectId: string,
  event: WebhookEvent,
  payload: Record<string, unknown>,
) {
  const hooks = await tx.webhook.findMany({
    where: { projectId, active: true },
    select: { id: true },
  });
  if (!hooks.length) return;
  const body = { event, sentFor: new Date().toISOString(), ...payload } as Prisma.InputJsonValue;
  await tx.webhookDelivery.createMany({
    data: hooks.map((h) => ({ webhookId: h.id, event, payload: body })),
  });
}

/** Sends what is due, at most `limit` at a time; failures come back later, with backoff. */
export async function deliverDueWebhooks(
  now = new Date(),
  limit = 20,
): Promise<{ delivered: number; retried: number; failed: number }> {
  const db = getDb();
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    include: { webhook: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  const tally = { delivered: 0, retried: 0, failed: 0 };
  for (const d of due) {
    // Every web node sweeps: a conditional claim (pushing the next attempt past this one's timeout)
    // lets exactly one of them send this attempt.
    const claim = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending", nextAttemptAt: d.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + TIMEOUT_MS + 5000) },
    });
    if (claim.count !== 1) continue;
    const body = JSON.stringify(d.payload);
    let code: number | null = null;
    let error: string | null = null;
    try {
      const res = await outboundFetch(d.webhook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Hiveboard-Webhook/1",
          "x-hiveboard-event": d.event,
          "x-hiveboard-delivery": d.id,
          "x-hiveboard-signature": signBody(webhookSecret(d.webhook.secret), body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "manual",
      });
      code = res.status;
      if (!res.ok) error = `The receiver answered ${res.status}.`;
    } catch (e) {
      error =
        e instanceof Error
          ? `Could not reach the receiver: ${e.message}`
          : "Could not reach the receiver.";
    }
    const attempts = d.attempts + 1;
    const ok = error === null;
    const giveUp = !ok && attempts > RETRY_DELAYS_S.length;
    await db.webhookDelivery.update({
      where: { id: d.id },
      data: {
        attempts,
        responseCode: code,
        error,
        status: ok ? "delivered" : giveUp ? "failed" : "pending",
        deliveredAt: ok ? new Date() : null,
        nextAttemptAt:
          ok || giveUp
            ? d.nextAttemptAt
            : new Date(now.getTime() + RETRY_DELAYS_S[attempts - 1] * 1000),
      },
    });
    tally[ok ? "delivered" : giveUp ? "failed" : "retried"] += 1;
  }
  return tally;
}

export function addWebhook(actor: Actor, input: { projectId: string; url: string }) {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const refused = outboundUrlError(input.url);
  if (refused)
    return Promise.resolve(
      fail("invalid-input", "Some fields need fixing.", {
        url: refused,
      }),
    );
  return commitChange(actor, async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId } });
    if (!project) return fail("project-not-found", "This project does not exist.");
    const hook = await tx.webhook.create({
      // Sealed like every secret we must give back (shown once, here, to the person who adds it).
      data: { projectId: project.id, url: input.url, secret: sealSecret(secret) },
    });
    return {
      ok: true,
      value: { id: hook.id, secret },
      audit: {
        action: "webhook.create",
        objectType: "webhook",
        objectId: hook.id,
        projectId: project.id,
        data: { url: input.url },
      },
    };
  });
}

export function removeWebhook(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id: input.id } });
    if (!hook) return fail("webhook-not-found", "This webhook does not exist.");
    await tx.webhook.delete({ where: { id: hook.id } });
    return {
      ok: true,
      value: { id: hook.id },
      audit: {
        action: "webhook.delete",
        objectType: "webhook",
        objectId: hook.id,
        projectId: hook.projectId,
        data: { url: hook.url },
      },
    };
  });
}

export async function listWebhooks(projectId: string) {
  const hooks = await getDb().webhook.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    include: { deliveries: { orderBy: { createdAt: "desc" }, take: 20 } },
  });
  return hooks.map((h) => ({
    id: h.id,
    url: h.url,
    active: h.active,
    deliveries: h.deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      responseCode: d.responseCode,
      error: d.error,
      createdAt: d.createdAt.toISOString(),
    })),
  }));
}

// Outbound webhooks against a real HTTP receiver on loopback: signed JSON for each decision
// event, retried with backoff after a failure, every attempt recorded with its response code.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWebhook } from "@/lib/services/webhooks";
import { answerDecision, createDecision, sweepDecisionDeadlines } from "@/lib/services/decisions";
import { deliverDueWebhooks, listWebhooks, RETRY_DELAYS_S } from "@/lib/services/webhooks";
import { freshDb, manager } from "../setup/db";
import { actorOf } from "../setup/actors";
import { demoProjectId, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
type Received = { headers: Record<string, string | string[] | undefined>; body: string };
const received: Received[] = [];
let answers: number[] = [];
let receiver: Server;
let url: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/hiveboard`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const verify = (secret: string, r: Received) =>
  r.headers["x-hiveboard-signature"] ===
  `sha256=${createHmac("sha256", secret).update(r.body).digest("hex")}`;
const ask = async (extra: object = {}) => {
  const r = await createDecision(manager, {
    epicId: await freshEpic(projectId),
    title: "Rotate the signing keys?",
    context: "",
    options: [
      { key: "now", label: "Now" },
      { key: "later", label: "Next sprint" },
    ],
    impact: "Sessions end",
    urgency: "high",
    answerRole: "approver",
    ...extra,
  });
  if (!r.ok) throw new Error(r.message);
  return r.data.decisionId;
};

describe("project webhooks", () => {
  it("post signed JSON when a decision opens and when it is answered", async () => {
    const hook = await addWebhook(manager, { projectId, url });
    if (!hook.ok) throw new Error(hook.message);
    const secret = hook.data.secret;
    // Stored sealed, like the Automagik key: the database never holds it in the clear.
    const row = await db.webhook.findUniqueOrThrow({ where: { id: hook.data.id } });
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(secret);
    const id = await ask();
    expect(await deliverDueWebhooks()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const opened = received.at(-1)!;
    expect(verify(secret, opened)).toBe(true);
    expect(opened.headers["x-hiveboard-event"]).toBe("decision.opened");
    expect(JSON.parse(opened.body)).toMatchObject({
      event: "decision.opened",
      decision: {
        id,
        title: "Rotate the signing keys?",
        options: [{ key: "now" }, { key: "later" }],
      },
    });

    await answerDecision(actorOf("approver"), {
      decisionId: id,
      option: "later",
      comment: "After the release",
      clientKey: "webhook-answer-1",
    });
    await deliverDueWebhooks();
    const answered = received.at(-1)!;
    expect(verify(secret, answered)).toBe(true);
    expect(JSON.parse(answered.body)).toMatchObject({
      event: "decision.answered",
      decision: { id, option: "later", comment: "After the release", by: "Approver Person" },
    });
    expect(verify("wrong-secret", answered)).toBe(false);
  });

  it("send each delivery once when several nodes sweep at the same moment", async () => {
    const before = received.length;
    await ask();
    const sweeps = await Promise.all([
      deliverDueWebhooks(),
      deliverDueWebhooks(),
      deliverDueWebhooks(),
    ]);
    expect(sweeps.reduce((n, s) => n + s.delivered, 0)).toBe(1);
    expect(received.length - before).toBe(1);
  });

  it("retry with backoff after a failure, and list every delivery with its response code", async () => {
    answers = [500];
    const id = await ask();
    const first = new Date();
    expect(await deliverDueWebhooks(first)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const pending = await db.webhookDelivery.findFirstOrThrow({
      where: { event: "decision.opened" },
      orderBy: { createdAt: "desc" },
    });
    expect((pending.payload as { decision: { id: string } }).decision.id).toBe(id);
    expect(pending).toMatchObject({
      status: "pending",
      attempts: 1,
      responseCode: 500,
      error: "The receiver answered 500.",
    });
    expect(pending.nextAttemptAt.getTime()).toBe(first.getTime() + RETRY_DELAYS_S[0] * 1000);
    expect(await deliverDueWebhooks(first)).toEqual({ delivered: 0, retried: 0, failed: 0 }); // not due yet
    expect(await deliverDueWebhooks(new Date(first.getTime() + 1500))).toEqual({
      delivered: 1,
      retried: 0,
      failed: 0,
    });
    const listed = (await listWebhooks(projectId))[0].deliveries.find((d) => d.id === pending.id);
    expect(listed).toMatchObject({ status: "delivered", attempts: 2, responseCode: 200 });
  });

  it("announce auto-applied and overdue decisions too", async () => {
    const withDefault = await ask({ defaultOption: "later" });
    const without = await ask();
    await db.decision.updateMany({
      where: { id: { in: [withDefault, without] } },
      data: { deadline: new Date(Date.now() - 1000) },
    });
    await sweepDecisionDeadlines();
    await deliverDueWebhooks(new Date(Date.now() + 60_000));
    const events = received
      .map((r) => JSON.parse(r.body))
      .map((b) => `${b.event}:${b.decision.id}`);
    expect(events).toContain(`decision.auto_applied:${withDefault}`);
    expect(events).toContain(`decision.overdue:${without}`);
  });

  it("give up after the last retry, marking the delivery failed with the reason", async () => {
    const dead = await addWebhook(manager, { projectId, url: "http://127.0.0.1:9/closed-port" });
    expect(dead.ok).toBe(true);
    await ask();
    let now = Date.now();
    for (let i = 0; i <= RETRY_DELAYS_S.length; i++) {
      await deliverDueWebhooks(new Date(now));
      now += 300_000;
    }
    const d = await db.webhookDelivery.findFirstOrThrow({
      where: { webhook: { url: "http://127.0.0.1:9/closed-port" } },
      orderBy: { createdAt: "desc" },
    });
    expect(d).toMatchObject({
      status: "failed",
      attempts: RETRY_DELAYS_S.length + 1,
      responseCode: null,
    });
    expect(d.error).toMatch(/^Could not reach the receiver/);
  });
});

// Webhook receivers and Automagik servers are addresses people type: Hiveboard reaches only public
// ones. Loopback, private, link-local (the cloud metadata service), by address, by a name that
// resolves there, or by a redirect that leads there — refused before a byte is sent.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Set before anything of the app reads lib/env.ts: no range allowed here.
process.env.HIVEBOARD_OUTBOUND_ALLOW = "";

let hits = 0;
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    if (req.url === "/jump") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/inside` });
      return res.end();
    }
    res.end("inside");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("outbound requests reach only public addresses", () => {
  it("refuses loopback, private, link-local and metadata addresses, by address or by name", async () => {
    const { outboundFetch, refusedAddress } = await import("@/lib/http/outbound");
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://192.168.1.10/",
      "http://172.16.5.4/",
      "http://[fd00::1]/",
      "http://0.0.0.0/",
      `http://[::ffff:127.0.0.1]:${port}/`,
      "file:///etc/passwd",
    ])
      await expect(outboundFetch(url), url).rejects.toThrow(/HIVEBOARD_OUTBOUND_ALLOW|only http/);
    // A name is checked on what it resolves to, at connect time (the agent's lookup).
    const { guardedLookup } = await import("@/lib/http/outbound");
    const resolved = await new Promise<string>((resolve) =>
      guardedLookup("localhost", {}, (err, address) =>
        resolve(err ? err.message : String(address)),
      ),
    );
    expect(resolved).toMatch(/localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
    expect(hits).toBe(0);
    expect(refusedAddress("93.184.215.14")).toBeNull();
    expect(refusedAddress("2606:4700::1111")).toBeNull();
  });

  it("a webhook to the metadata service fails its delivery with why, and sends nothing", async () => {
    const { freshDb, manager } = await import("../setup/db");
    const { demoProjectId } = await import("../setup/runs");
    const { addWebhook, deliverDueWebhooks } = await import("@/lib/services/webhooks");
    const db = await freshDb();
    const projectId = await demoProjectId();
    // Refused when it is saved…
    const added = await addWebhook(manager, {
      projectId,
      url: "http://169.254.169.254/latest/meta-data/iam/",
    });
    expect(added.ok).toBe(false);
    expect(!added.ok && added.fieldErrors?.url).toMatch(/will not call this address/);
    // …and when it is called (one saved while an admin allowed the range, since withdrawn).
    const webhook = await db.webhook.create({
      data: { projectId, url: "http://169.254.169.254/latest/meta-data/iam/", secret: "whsec_x" },
    });
    await db.webhookDelivery.create({
      data: { webhookId: webhook.id, event: "test", payload: {}, nextAttemptAt: new Date(0) },
    });
    await deliverDueWebhooks();
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
    });
    expect(delivery.error).toMatch(
      /link-local \(cloud metadata\) address.*HIVEBOARD_OUTBOUND_ALLOW/,
    );
    expect(delivery.responseCode).toBeNull();
  });
});

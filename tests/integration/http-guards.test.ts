// What the HTTP layer believes about a request: who sent it (the socket, unless a trusted proxy
// says otherwise), whether a cookie-carried write comes from this site, and how much body it reads.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as epicsRoute from "@/app/api/v1/epics/route";
import { POST as addMessage } from "@/app/api/v1/workflows/claude-code/run/[name]/add-message/route";
import { clientIp } from "@/lib/auth/request-actor";
import { generateKey } from "@/lib/auth/api-keys";
import { stampClientAddress, trustProxies, type Trust } from "@/lib/http/client-address";
import { refuseCrossSiteWrite } from "@/lib/http/body";
import { freshDb, manager } from "../setup/db";
import { demoProjectId } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const k = generateKey();
await db.apiKey.create({
  data: { name: "script", role: "manager", prefix: k.prefix, hash: k.hash },
});

/** A server that stamps each request as server.ts does and answers the address it believed. */
function echoServer(trust: Trust) {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      stampClientAddress(req, trust);
      const h = new Headers();
      for (const [name, v] of Object.entries(req.headers))
        if (typeof v === "string") h.set(name, v);
      res.end(clientIp(h));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return () => url;
}
const direct = echoServer(trustProxies([]));
const behindProxy = echoServer(trustProxies(["loopback"]));
const seen = async (url: string, headers: Record<string, string>) =>
  (await fetch(url, { headers })).text();

describe("the client's address", () => {
  it("is the socket's: a forwarded header from an untrusted peer changes nothing, nor a forged stamp", async () => {
    for (const spoof of ["203.0.113.7", "198.51.100.1, 10.0.0.1"])
      expect(await seen(direct(), { "x-forwarded-for": spoof })).toBe("127.0.0.1");
    expect(await seen(direct(), { "x-hiveboard-client-ip": "203.0.113.9" })).toBe("127.0.0.1");
  });

  it("comes from X-Forwarded-For only when the peer is a trusted proxy (HIVEBOARD_TRUSTED_PROXIES)", async () => {
    expect(await seen(behindProxy(), { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    // The nearest untrusted hop: a client cannot prepend its way past the proxy.
    expect(await seen(behindProxy(), { "x-forwarded-for": "6.6.6.6, 203.0.113.7" })).toBe(
      "203.0.113.7",
    );
  });

  it("refuses a malformed trusted-proxy list with what to write", () => {
    expect(() => trustProxies(["not-an-address"])).toThrow(/HIVEBOARD_TRUSTED_PROXIES/);
  });
});

describe("writes carried by a session cookie", () => {
  const person = { ...manager, type: "user" as const };
  const post = (headers: Record<string, string>) =>
    new Request("http://hive.test/api/v1/epics", { method: "POST", headers, body: "{}" });

  it("come only from this site's pages, as JSON", () => {
    expect(
      refuseCrossSiteWrite(
        post({ origin: "http://evil.test", "content-type": "application/json" }),
        person,
      )?.status,
    ).toBe(403);
    expect(refuseCrossSiteWrite(post({ "content-type": "application/json" }), person)?.status).toBe(
      403,
    );
    expect(
      refuseCrossSiteWrite(
        post({ origin: "http://hive.test:4000", "content-type": "application/json" }),
        person,
      )?.status,
    ).toBe(403);
    expect(
      refuseCrossSiteWrite(
        post({ origin: "http://hive.test", "content-type": "text/plain" }),
        person,
      )?.status,
    ).toBe(415);
    expect(
      refuseCrossSiteWrite(
        post({ origin: "http://hive.test", "content-type": "application/json" }),
        person,
      ),
    ).toBeNull();
    // Reads are not writes; keys are not cookies.
    expect(refuseCrossSiteWrite(new Request("http://hive.test/api/v1/epics"), person)).toBeNull();
    expect(
      refuseCrossSiteWrite(post({ origin: "http://evil.test" }), { ...manager, type: "api_key" }),
    ).toBeNull();
  });
});

describe("request bodies", () => {
  it("past 1 MB are refused with 413, declared or streamed, and nothing is written", async () => {
    const before = await db.epic.count();
    const big = JSON.stringify({
      projectId,
      title: "Big",
      type: "feature",
      priority: "low",
      description: "x".repeat(1_100_000),
    });
    const declared = await epicsRoute.POST(
      new Request("http://localhost/api/v1/epics", {
        method: "POST",
        headers: {
          "x-api-key": k.key,
          "content-type": "application/json",
          "content-length": String(big.length),
        },
        body: big,
      }),
    );
    expect(declared.status).toBe(413);
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 12; i++) c.enqueue(new TextEncoder().encode("y".repeat(100_000)));
        c.close();
      },
    });
    const streamed = await addMessage(
      new Request("http://localhost/api/v1/workflows/claude-code/run/x/add-message", {
        method: "POST",
        headers: { "x-api-key": k.key, "content-type": "application/json" },
        body: chunks,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ name: "x" }) },
    );
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe(
      "body-too-large",
    );
    expect(await db.epic.count()).toBe(before);
  });
});

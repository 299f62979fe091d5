import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { admission, type Admission } from "@/lib/http/admission";

// A real HTTP server behind the gate; each request is held inside until the test lets it go.
let server: Server | null = null;
afterEach(
  () =>
    new Promise<void>((r) => {
      if (!server) return r();
      server.close(() => r());
      server.closeAllConnections();
    }),
);

function gated(gate: Admission) {
  const inside: { method: string; release: () => void }[] = [];
  const entered: string[] = [];
  server = createServer((req, res) =>
    gate.admit(req, res, () => {
      entered.push(`${req.method} ${req.url}`);
      inside.push({ method: req.method!, release: () => res.end("ok") });
    }),
  );
  return new Promise<{ url: string; inside: typeof inside; entered: string[] }>((resolve) =>
    server!.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`,
        inside,
        entered,
      }),
    ),
  );
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

describe("admission to the API", () => {
  it("lets in no more than its limit; the rest wait their turn and are all answered", async () => {
    const gate = admission(4, 1, 100);
    const { url, inside, entered } = await gated(gate);
    const answers = Array.from({ length: 10 }, (_, i) => fetch(`${url}/r${i}`));
    // Reads may not take the place kept for writes.
    await until(() => gate.stats().waitingReads === 7);
    expect(gate.stats().inside).toBe(3);
    let most = 0;
    while (entered.length < 10) {
      most = Math.max(most, gate.stats().inside);
      inside.splice(0, 1).forEach((r) => r.release());
      await new Promise((r) => setTimeout(r, 10));
    }
    inside.splice(0).forEach((r) => r.release());
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(most).toBe(3);
  });

  it("keeps a place for writes, so a crowd of readers does not keep them out", async () => {
    const gate = admission(4, 1, 100);
    const { url, inside, entered } = await gated(gate);
    const reads = Array.from({ length: 20 }, (_, i) => fetch(`${url}/r${i}`));
    await until(() => gate.stats().waitingReads === 17);
    const write = fetch(`${url}/w`, { method: "POST", body: "{}" });
    await until(() => entered.includes("POST /w"));
    expect(gate.stats().waitingReads).toBe(17);
    inside.forEach((r) => r.release());
    expect((await write).status).toBe(200);
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 5));
      inside.forEach((r) => r.release());
    }
    await until(() => entered.length === 21);
    inside.forEach((r) => r.release());
    await Promise.all(reads);
  });

  it("takes reads and writes in turn when both wait, so writes do not starve reads either", async () => {
    const gate = admission(2, 1, 100);
    const { url, inside, entered } = await gated(gate);
    const first = [fetch(`${url}/r0`), fetch(`${url}/w0`, { method: "POST" })];
    await until(() => inside.length === 2);
    const rest = [
      ...Array.from({ length: 3 }, (_, i) => fetch(`${url}/w${i + 1}`, { method: "POST" })),
      ...Array.from({ length: 3 }, (_, i) => fetch(`${url}/r${i + 1}`)),
    ];
    await until(() => gate.stats().waitingReads === 3 && gate.stats().waitingWrites === 3);
    while (entered.length < 8) {
      inside.splice(0).forEach((r) => r.release());
      await new Promise((r) => setTimeout(r, 20));
    }
    inside.splice(0).forEach((r) => r.release());
    await Promise.all([...first, ...rest]);
    const later = entered.slice(2).map((e) => e.split(" ")[0]);
    // Both kinds got in before either queue was empty.
    expect(later.slice(0, 4)).toContain("GET");
    expect(later.slice(0, 4)).toContain("POST");
  });

  it("says 503 with retry-after when too many wait, and nothing is half-done", async () => {
    const gate = admission(1, 0, 2);
    const { url, inside } = await gated(gate);
    const held = fetch(`${url}/a`);
    await until(() => inside.length === 1);
    const waiting = [fetch(`${url}/b`), fetch(`${url}/c`)];
    await until(() => gate.stats().waitingReads === 2);
    const refused = await fetch(`${url}/d`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error.code).toBe("overloaded");
    for (let i = 0; i < 3; i++) {
      await until(() => inside.length > i);
      inside[i].release();
    }
    expect((await Promise.all([held, ...waiting])).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("gives back the place of a client that hung up while waiting", async () => {
    const gate = admission(1, 0, 10);
    const { url, inside, entered } = await gated(gate);
    const held = fetch(`${url}/a`);
    await until(() => inside.length === 1);
    const abort = new AbortController();
    const gone = fetch(`${url}/gone`, { signal: abort.signal }).catch(() => null);
    const next = fetch(`${url}/next`);
    await until(() => gate.stats().waitingReads === 2);
    abort.abort();
    await gone;
    await new Promise((r) => setTimeout(r, 50));
    inside[0].release();
    await until(() => inside.length === 2);
    inside[1].release();
    await Promise.all([held, next]);
    expect(entered).toEqual(["GET /a", "GET /next"]);
  });
});

// Rate limits on several nodes (REDIS_URL): attempts spread over the nodes behind a load balancer
// are counted together in Redis, so a second node refuses what the first one already counted.
import { redisUrl } from "../setup/redis-env";
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

describe.skipIf(!redisUrl)("rate limits across nodes (Redis)", () => {
  it("five sign-in attempts on node A, the sixth on node B is refused", async () => {
    const key = `203.0.113.7:${randomUUID()}`;
    const nodeA = await import("@/lib/auth/rate-limit");
    await nodeA.whenLimitsShared();
    for (let i = 0; i < 5; i++) expect(await nodeA.rateLimit("sign-in", key)).toBeNull();

    // Node B: its own copy of the module, its own limiters and Redis connection, nothing in memory.
    delete (globalThis as { __hiveboardLimiters?: unknown }).__hiveboardLimiters;
    vi.resetModules();
    const nodeB = await import("@/lib/auth/rate-limit");
    await nodeB.whenLimitsShared();
    expect(await nodeB.rateLimit("sign-in", key)).toMatchObject({
      ok: false,
      code: "rate-limited",
      message: expect.stringMatching(/try again in \d+ s/),
    });
    // Another client is not affected.
    expect(await nodeB.rateLimit("sign-in", `${key}-other`)).toBeNull();
  });
});

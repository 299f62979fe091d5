import "server-only";
import type { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { connectRedis } from "@/lib/redis";

/** Attempts allowed per key and window, by what is being attempted. */
const RULES = {
  "sign-in": { points: 5, duration: 60 },
  "sign-up": { points: 5, duration: 600 },
  "invite-redeem": { points: 10, duration: 600 },
  feedback: { points: 30, duration: 60 },
} as const;
export type LimitedAction = keyof typeof RULES;

/**
 * One node: counted in memory. Several (REDIS_URL): counted in Redis, so that spreading attempts
 * over the nodes behind a load balancer gains nothing; while Redis is away, each node counts in
 * memory meanwhile (the insurance limiter) rather than letting everything through.
 */
let store: Redis | undefined;

function limiterFor(name: string, rule: { points: number; duration: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: name, ...rule });
  if (!env().REDIS_URL) return memory;
  store ??= connectRedis({ failFast: true });
  return new RateLimiterRedis({
    storeClient: store,
    keyPrefix: `hiveboard-limit:${name}`,
    ...rule,
    insuranceLimiter: memory,
    rejectIfRedisNotReady: true,
  });
}

const g = globalThis as unknown as {
  __hiveboardLimiters?: Record<LimitedAction, RateLimiterAbstract>;
};
const limiters = (g.__hiveboardLimiters ??= Object.fromEntries(
  Object.entries(RULES).map(([name, rule]) => [name, limiterFor(name, rule)]),
) as Record<LimitedAction, RateLimiterAbstract>);

export type Limited = { ok: false; code: "rate-limited"; message: string; retryAfterSec: number };

/** Counts one attempt; past the limit, says when to try again. */
export async function rateLimit(action: LimitedAction, key: string): Promise<Limited | null> {
  try {
    await limiters[action].consume(key);
    return null;
  } catch (error) {
    // A refusal is a RateLimiterRes; checked by shape, as its class may come from another module copy.
    const wait = (error as { msBeforeNext?: unknown } | null)?.msBeforeNext;
    if (typeof wait !== "number") throw error;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    return {
      ok: false,
      code: "rate-limited",
      message: `Too many attempts: try again in ${seconds} s.`,
      retryAfterSec: seconds,
    };
  }
}

/** Resolves once limits are counted in Redis (at once without one); for tests, which want no memory fallback. */
export function whenLimitsShared(): Promise<void> {
  if (!store || store.status === "ready") return Promise.resolve();
  return new Promise((resolve) => store!.once("ready", () => resolve()));
}

import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";

/** Attempts allowed per key and window, by what is being attempted. */
const RULES = {
  "sign-in": { points: 5, duration: 60 },
  "sign-up": { points: 5, duration: 600 },
  "invite-redeem": { points: 10, duration: 600 },
  feedback: { points: 30, duration: 60 },
} as const;
export type LimitedAction = keyof typeof RULES;

const g = globalThis as unknown as { __hiveboardLimiters?: Record<LimitedAction, RateLimiterMemory> };
const limiters = (g.__hiveboardLimiters ??= Object.fromEntries(
  Object.entries(RULES).map(([name, rule]) => [name, new RateLimiterMemory({ keyPrefix: name, ...rule })]),
) as Record<LimitedAction, RateLimiterMemory>);

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
    return { ok: false, code: "rate-limited", message: `Too many attempts: try again in ${seconds} s.`, retryAfterSec: seconds };
  }
}

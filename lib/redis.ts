import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";

/**
 * A connection to REDIS_URL that reconnects by itself, for ever (backoff up to 2 s). `failFast`:
 * commands fail at once while Redis is away, so callers fall back (the run sweep, in-memory rate
 * limits) instead of piling up; otherwise they wait for the reconnect (Socket.IO, queue workers).
 * Connection errors are the reconnect's business, not the log's.
 */
export function connectRedis({ failFast }: { failFast: boolean }): Redis {
  const options = failFast
    ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
    : { maxRetriesPerRequest: null };
  return new Redis(env().REDIS_URL!, {
    ...options,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  }).on("error", () => undefined);
}

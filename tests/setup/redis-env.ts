// Imported first by a test about several nodes: REDIS_URL must be set before anything reads the
// environment (lib/env.ts parses it once). TEST_REDIS_URL comes from .ci/run (Debian's redis-server).
if (process.env.TEST_REDIS_URL) {
  process.env.REDIS_URL = process.env.TEST_REDIS_URL;
  process.env.HIVEBOARD_MAX_RUNS = "1";
  process.env.HIVEBOARD_LEASE_MS ??= "3000";
}
export const redisUrl = process.env.TEST_REDIS_URL;

import "server-only";
import { complainEvery } from "@/lib/utils/time";

// A database that restarts (PostgreSQL failing over, being upgraded) or is briefly out of reach
// must not cost a run its events: writes that fail for that reason are retried until it is back.
// Errors that say the statement itself is wrong are not retried.

const TRANSIENT_CODES = new Set([
  // Prisma: cannot reach the server, connection closed, timed out, pool exhausted.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: connection exceptions, shutting down / starting up, too many connections.
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // SQLite: another writer holds the file a little too long.
  "SQLITE_BUSY",
]);
const TRANSIENT_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
const TRANSIENT_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|database system is (shutting down|starting up|in recovery)|Can't reach database|closed the connection|Client has encountered a connection error|connection is closed/i;

/** Whether a failed database call may succeed if tried again once the server is back. */
export function isTransientDbError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  for (const code of [e.code, e.originalCode]) {
    if (typeof code === "string" && (TRANSIENT_CODES.has(code) || code.startsWith("08")))
      return true;
  }
  if (typeof e.kind === "string" && TRANSIENT_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && TRANSIENT_TEXT.test(e.message)) return true;
  return (
    isTransientDbError(e.cause, depth + 1) ||
    isTransientDbError(e.meta?.driverAdapterError, depth + 1)
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn`, retrying while it fails transiently (backoff 100 ms → 2 s) for up to `forMs`; says so
 * once in the log. Other errors, and the last one after `forMs`, are thrown.
 */
export async function retryDb<T>(
  what: string,
  fn: () => Promise<T>,
  forMs = 5 * 60_000,
): Promise<T> {
  const until = Date.now() + forMs;
  let wait = 100;
  let told = false;
  for (;;) {
    try {
      const value = await fn();
      if (told) console.log(`database: ${what}: done, the database is back`);
      return value;
    } catch (error) {
      if (!isTransientDbError(error) || Date.now() + wait > until) throw error;
      if (!told)
        console.error(
          `database: ${what} failed (${error instanceof Error ? error.message.split("\n").at(-1) : error}); retrying until the database is back`,
        );
      told = true;
      await sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
  }
}

/**
 * For background duties (sweeps, renewals, deliveries) that simply run again on their next tick:
 * an unreachable database is one short line per duty every 30 s, not a stack trace a second.
 */
export function reportBackgroundError(duty: string, error: unknown): void {
  if (!isTransientDbError(error)) return void console.error(duty, error);
  complainEvery(
    duty,
    30_000,
    `${duty}: the database is out of reach (${error instanceof Error ? error.message.trim().split("\n").at(-1) : error}); trying again on the next tick`,
  );
}

import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
/** A client or an interactive transaction: query functions take either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// server.ts (run by tsx) and Next's server bundle load this module separately; one client for
// both lives on globalThis so there is one SQLite connection and one writer.
const globalForDb = globalThis as unknown as { __hiveboardDb?: { url: string; client: PrismaClient; ready: Promise<void> } };

function create(url: string) {
  if (!url.startsWith("file:")) {
    throw new Error("PostgreSQL (DATABASE_URL=postgresql://…) is not wired in yet; use a file: URL for SQLite.");
  }
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) });
  // The adapter opens one connection; these pragmas hold for its lifetime.
  const ready = client.$executeRawUnsafe("PRAGMA foreign_keys = ON").then(() => undefined);
  return { url, client, ready };
}

export function getDb(url = env().DATABASE_URL): PrismaClient {
  const current = globalForDb.__hiveboardDb;
  if (current && current.url === url) return current.client;
  globalForDb.__hiveboardDb = create(url);
  return globalForDb.__hiveboardDb.client;
}

/** Resolves when the connection's pragmas are set; call once at start-up. */
export async function dbReady(): Promise<void> {
  getDb();
  await globalForDb.__hiveboardDb!.ready;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__hiveboardDb;
  globalForDb.__hiveboardDb = undefined;
  if (current) await current.client.$disconnect();
}

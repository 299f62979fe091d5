import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresClient } from "@/generated/prisma-postgres/client";
import { env } from "@/lib/env";
import { dialectOf, type Dialect } from "./sql";

export type Db = PrismaClient;
/** A client or an interactive transaction: query functions take either. */
export type Tx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

// server.ts (run by tsx) and Next's server bundle load this module separately; one client for
// both lives on globalThis so there is one SQLite connection and one writer.
const globalForDb = globalThis as unknown as {
  __hiveboardDb?: { url: string; client: PrismaClient; ready: Promise<void> };
};

function create(url: string) {
  if (dialectOf(url) === "postgres") {
    // The PostgreSQL client is generated from the twin schema: the same models, so the same API.
    const client = new PostgresClient({
      adapter: new PrismaPg({ connectionString: url, max: env().HIVEBOARD_PG_POOL }),
    }) as unknown as PrismaClient;
    return { url, client, ready: client.$connect() };
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

/** Which SQL the raw statements must speak. */
export function dbDialect(): Dialect {
  return dialectOf(globalForDb.__hiveboardDb?.url ?? env().DATABASE_URL);
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

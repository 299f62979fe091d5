import "server-only";
import { CLIENT_IP_HEADER } from "@/lib/http/client-address";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";

/** The cookie secret: BETTER_AUTH_SECRET, else one generated at first start and kept in data/. */
export function authSecret(): string {
  const configured = env().BETTER_AUTH_SECRET;
  if (configured) return configured;
  const file = path.resolve(env().HIVEBOARD_DATA_DIR, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function requestOrigin(request?: Request): string | undefined {
  if (!request) return undefined;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto =
    request.headers.get("x-forwarded-proto") ??
    (env().HIVEBOARD_URL?.startsWith("https") ? "https" : "http");
  return host ? `${proto}://${host}` : undefined;
}

function createAuth() {
  const publicUrl = env().HIVEBOARD_URL;
  return betterAuth({
    appName: "Hiveboard",
    secret: authSecret(),
    baseURL: publicUrl ?? `http://localhost:${env().PORT}`,
    database: prismaAdapter(getDb(), { provider: "sqlite" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        deactivatedAt: { type: "date", required: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Our own limits give people a clear "try again in N s" (lib/auth/rate-limit.ts).
    rateLimit: { enabled: false },
    // Next.js refuses server actions whose Origin is not the host, so the host is the origin to trust.
    trustedOrigins: async (request) =>
      [publicUrl, requestOrigin(request)].filter((o): o is string => Boolean(o)),
    advanced: {
      // The address server.ts stamps (forwarded headers only from trusted proxies).
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
      cookiePrefix: "hiveboard",
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// One instance for server.ts and Next's bundle, like the Prisma client.
const g = globalThis as unknown as { __hiveboardAuth?: Auth };
export function getAuth(): Auth {
  return (g.__hiveboardAuth ??= createAuth());
}

import type { NextConfig } from "next";
import { env } from "./lib/env";

// Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts; the API's
// answers are data, never documents: nothing in them may run.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ...(env().HIVEBOARD_URL?.startsWith("https://")
    ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  // Native and driver packages load from node_modules at run time, never bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "bullmq",
    "ioredis",
  ],
  poweredByHeader: false,
  devIndicators: false,
  experimental: {
    // Server actions keep Next's Origin == Host check; bodies are small forms.
    serverActions: { bodySizeLimit: "1mb" },
    // forbidden(): a page a role may not open answers 403 with app/forbidden.tsx, not an error.
    authInterrupts: true,
  },
  headers: async () => [
    { source: "/:path*", headers: securityHeaders },
    { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
  ],
};

export default nextConfig;

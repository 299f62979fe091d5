import type { NextConfig } from "next";
import { env } from "./lib/env";

const dev = env().NODE_ENV !== "production";

// Next's bootstrap and the virtualized lists need inline scripts and style attributes; React's
// dev tooling needs eval. Nothing loads from anywhere but this origin; nothing may frame it.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
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
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
};

export default nextConfig;

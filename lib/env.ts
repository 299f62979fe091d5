// The only reader of process.env. Parsed once; a bad value stops the process with a clear message.
import ipaddr from "ipaddr.js";
import { z } from "zod";

/** A comma-separated list, as its trimmed, non-empty items. */
const commaList = () =>
  z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    );

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default("file:./data/hiveboard.db")
    .refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
      message: "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    }),
  HIVEBOARD_DATA_DIR: z.string().default("./data"),
  /** The public address, e.g. https://hive.example.com; https turns on Secure cookies. */
  HIVEBOARD_URL: z
    .url({ error: "HIVEBOARD_URL must be a URL like https://hive.example.com" })
    .optional(),
  /** Signs session cookies; generated once into the data folder when not set. */
  BETTER_AUTH_SECRET: z
    .string()
    .min(32, "BETTER_AUTH_SECRET needs at least 32 characters")
    .optional(),
  /** When set, registered at start as an admin API key (for automation). */
  HIVEBOARD_ADMIN_API_KEY: z
    .string()
    .min(24, "HIVEBOARD_ADMIN_API_KEY needs at least 24 characters")
    .optional(),
  /**
   * Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, or loopback,
   * linklocal, uniquelocal). Empty: the client is the socket's address, whatever headers say.
   */
  HIVEBOARD_TRUSTED_PROXIES: commaList(),
  /**
   * Non-public ranges Hiveboard may still reach for webhooks and Automagik servers (comma-separated
   * CIDRs, or loopback, private, linklocal). Empty: only public addresses.
   */
  HIVEBOARD_OUTBOUND_ALLOW: commaList().refine(
    (list) =>
      list.every((e) => ["loopback", "private", "linklocal"].includes(e) || ipaddr.isValidCIDR(e)),
    {
      message: "HIVEBOARD_OUTBOUND_ALLOW lists CIDRs (10.0.0.0/8) or loopback, private, linklocal",
    },
  ),
  /** Request bodies past this many bytes are refused with 413 (REST, MCP, the Automagik API). */
  HIVEBOARD_MAX_BODY_BYTES: z.coerce
    .number({ error: "HIVEBOARD_MAX_BODY_BYTES is a number of bytes" })
    .int()
    .min(1024, "HIVEBOARD_MAX_BODY_BYTES is at least 1024")
    .default(1_048_576),
  /** REST requests (/api/v1) inside the app at once; more wait their turn (0: no limit). */
  HIVEBOARD_API_CONCURRENCY: z.coerce
    .number({ error: "HIVEBOARD_API_CONCURRENCY is a number of requests" })
    .int()
    .min(0)
    .max(10_000)
    .default(16),
  /** Agents' sandbox: auto (bubblewrap where it works), bwrap (required), none. */
  HIVEBOARD_AGENT_SANDBOX: z
    .enum(["auto", "bwrap", "none"], { error: "HIVEBOARD_AGENT_SANDBOX is auto, bwrap or none" })
    .default("auto"),
  /** The Claude Code executable; without one on PATH, runs use the bundled demo agent. */
  CLAUDE_CODE_PATH: z.string().optional(),
  CLAUDE_MODEL: z.string().optional(),
  /** Redis for several nodes: Socket.IO fan-out across them, the run queue, and run control (feedback, stops, answers) to the node holding a run. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL looks like redis://127.0.0.1:6379")
    .optional(),
  /** web: this node serves people and machines and runs agents too (one machine); workers: it leaves runs to `npm run worker` nodes. */
  HIVEBOARD_RUNS: z
    .enum(["here", "workers"], { error: "HIVEBOARD_RUNS is here or workers" })
    .default("here"),
  /** With REDIS_URL: how many runs this node executes at once; more wait in the run queue for a node with room. */
  HIVEBOARD_MAX_RUNS: z.coerce
    .number()
    .int()
    .min(1, "HIVEBOARD_MAX_RUNS is at least 1")
    .max(10_000)
    .default(50),
  /** PostgreSQL: connections in this process's pool. */
  HIVEBOARD_PG_POOL: z.coerce
    .number()
    .int()
    .min(1, "HIVEBOARD_PG_POOL is at least 1")
    .max(1000)
    .default(10),
  /** How long plain run events wait to share one transaction with other runs' events, in ms. */
  HIVEBOARD_GROUP_COMMIT_MS: z.coerce
    .number()
    .min(0)
    .max(1000, "HIVEBOARD_GROUP_COMMIT_MS is at most 1000")
    .default(2),
  /** How long a node's hold on a run lasts unless renewed (it renews every quarter); another node takes over after it. */
  HIVEBOARD_LEASE_MS: z.coerce
    .number()
    .int()
    .min(500, "HIVEBOARD_LEASE_MS is at least 500")
    .max(600_000)
    .default(20_000),
  /** On SIGTERM: how long runs that cannot move to another node may go on finishing here. */
  HIVEBOARD_DRAIN_MS: z.coerce.number().int().min(0).max(3_600_000).default(25_000),
  /** How often open pull requests are read back from their forge (checks, reviews). */
  HIVEBOARD_PR_POLL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** How often a node sweeps for runs nobody holds (default: a quarter lease with Redis, else 1 s). */
  HIVEBOARD_SWEEP_MS: z.coerce.number().int().min(50).max(600_000).optional(),
  /** Where this server's agents reach it (its MCP server), when not loopback on PORT. */
  HIVEBOARD_INTERNAL_URL: z
    .url({ error: "HIVEBOARD_INTERNAL_URL must be a URL like http://10.0.0.5:3000" })
    .optional(),
  /** Pause between the demo agent's steps, in ms (the tests make it fast). */
  HIVEBOARD_DEMO_PACE_MS: z.coerce.number().int().min(0).max(60_000).default(700),
});

export type Env = z.infer<typeof EnvSchema>;

/** Where this server's agents reach it (its MCP server): loopback on our port unless told otherwise. */
export function internalUrl(): string {
  // Read afresh (not the cached parse): a test points its agents at a server it starts itself.
  const given = EnvSchema.shape.HIVEBOARD_INTERNAL_URL.safeParse(
    process.env.HIVEBOARD_INTERNAL_URL,
  );
  return (given.success ? given.data : undefined) ?? `http://127.0.0.1:${env().PORT}`;
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** This process's environment with a few variables added, for a child such as `git push`. */
export function processEnvWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

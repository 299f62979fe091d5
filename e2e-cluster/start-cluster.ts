// Playwright's web server for the cluster tests: a fresh PostgreSQL database and Redis stream,
// node A (it migrates and seeds), then node B. Stops both when stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { Client } from "pg";
import { Redis } from "ioredis";
import { clusterDatabase, clusterEnv, NODE_A, NODE_B } from "./cluster-env";

const env = { ...process.env, ...clusterEnv() };
const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${clusterDatabase()} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${clusterDatabase()}`);
await admin.end();
const redis = new Redis(env.REDIS_URL!);
await redis.del("hiveboard");
redis.disconnect();
rmSync(env.HIVEBOARD_DATA_DIR!, { recursive: true, force: true });

const nodes: ChildProcess[] = [];
const start = (port: number) => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "server.ts"],
    { env: { ...env, PORT: String(port) }, stdio: "inherit" },
  );
  nodes.push(child);
  return child;
};
async function ready(port: number) {
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/sign-in`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`node on ${port} did not start`);
}
start(NODE_A);
await ready(NODE_A);
start(NODE_B);
await ready(NODE_B);
const stop = async () => {
  for (const n of nodes) n.kill("SIGTERM");
  await Promise.all(
    nodes.map((n) => new Promise((r) => (n.exitCode !== null ? r(null) : n.once("exit", r)))),
  );
  // The session's database goes with it.
  const c = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await c
    .connect()
    .then(() => c.query(`DROP DATABASE IF EXISTS ${clusterDatabase()} WITH (FORCE)`))
    .catch(() => undefined)
    .finally(() => c.end().catch(() => undefined));
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
setInterval(() => undefined, 1 << 30);

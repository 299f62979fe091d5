// What the benchmarks that drive the real server share: a production build, a Hiveboard server on
// a fresh SQLite file of its own (migrated and seeded with the demo project at start), percentiles.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export function ensureBuilt(): void {
  if (!existsSync(".next/BUILD_ID"))
    spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
}

export type Hiveboard = {
  proc: ChildProcess;
  base: string;
  /** An admin API key, for REST calls. */
  key: string;
  dir: string;
  dbFile: string;
  stop: () => Promise<void>;
};

export function benchDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `hiveboard-${name}-`));
}

/** Waits until `url` answers 2xx (at most `seconds`), or fails naming what did not start. */
export async function waitUntilUp(url: string, headers: Record<string, string>, seconds = 90) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if ((await fetch(url, { headers }).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answered ${url} within ${seconds} s`);
}

/** The real server (server.ts, production build) on `port`, in `dir` (a new one by default). */
export async function startHiveboard(opts: {
  port: number;
  dir?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<Hiveboard> {
  const dir = opts.dir ?? benchDir("server");
  const dbFile = path.join(dir, "hiveboard.db");
  const key = `bench-${randomUUID()}`;
  const base = `http://127.0.0.1:${opts.port}`;
  const proc = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      "--import",
      "tsx",
      "--import",
      "./scripts/server-only-hook.mjs",
      "server.ts",
    ],
    {
      env: {
        ...process.env,
        PORT: String(opts.port),
        HOSTNAME: "127.0.0.1",
        NODE_ENV: "production",
        DATABASE_URL: `file:${dbFile}`,
        HIVEBOARD_DATA_DIR: dir,
        HIVEBOARD_ADMIN_API_KEY: key,
        ...opts.env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  await waitUntilUp(`${base}/api/v1/projects/demo/board`, { "x-api-key": key });
  return {
    proc,
    base,
    key,
    dir,
    dbFile,
    stop: async () => {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}

export function removeDir(dir: string): void {
  // Agents' last git writes may still be landing as their runs end: retry a moment, and a folder
  // still busy after that is left behind with a warning — clean-up is not what a benchmark measures.
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  } catch (e) {
    console.warn(`(left ${dir} behind: ${(e as Error).message})`);
  }
}

export const pct = (values: number[], p: number) =>
  values.length
    ? [...values].sort((a, b) => a - b)[
        Math.min(values.length - 1, Math.floor((p / 100) * values.length))
      ]
    : NaN;
export const median = (xs: number[]) => pct(xs, 50);
export const today = () =>
  `${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}`;

/** `count` new idle epics in the demo project's first phase (straight into the database). */
export function addEpics(dbFile: string, count: number, title = "Bench"): string[] {
  const db = new Database(dbFile);
  const project = db.prepare(`SELECT id FROM "Project" WHERE slug = 'demo'`).get() as {
    id: string;
  };
  const now = new Date().toISOString().replace("Z", "+00:00");
  const next = (db.prepare(`SELECT MAX(number) n FROM "Epic"`).get() as { n: number }).n;
  const insert = db.prepare(
    `INSERT INTO "Epic" (id, projectId, number, title, keyRequirements, phase, status, position, createdAt, updatedAt) VALUES (?, ?, ?, ?, '[]', 'ANALYZER', 'idle', 0, ?, ?)`,
  );
  const ids = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    insert.run(id, project.id, next + i + 1, `${title} ${i}`, now, now);
    return id;
  });
  db.close();
  return ids;
}

/** Sets columns of the demo project's ANALYZER phase, e.g. its runner and command. */
export function setFirstPhase(dbFile: string, fields: Record<string, string | number>): void {
  const db = new Database(dbFile);
  const names = Object.keys(fields);
  db.prepare(
    `UPDATE "Phase" SET ${names.map((n) => `"${n}" = ?`).join(", ")} WHERE "key" = 'ANALYZER'`,
  ).run(...Object.values(fields));
  db.close();
}

/** Starts a run of the epic's phase through REST; its id. */
export async function startRun(server: Hiveboard, epicId: string): Promise<string> {
  const res = await fetch(`${server.base}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": server.key },
    body: JSON.stringify({ epicId }),
  });
  if (!res.ok) throw new Error(`starting a run: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { runId: string }).runId;
}

/** GET a REST path with the admin key; its JSON. */
export async function api<T>(server: Hiveboard, urlPath: string, method = "GET"): Promise<T> {
  const res = await fetch(`${server.base}/api/v1${urlPath}`, {
    method,
    headers: { "x-api-key": server.key, "content-type": "application/json" },
    body: method === "GET" ? undefined : "{}",
  });
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

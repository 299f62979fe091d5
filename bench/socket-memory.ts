// Memory per connected Socket.IO client: 1,000 clients signed in with an API key, each joined to
// one board (as a browser joins: after the snapshot's seq), on the real server (production build);
// next to the same number of clients on a bare `ws` server, measured in the same run. Both servers
// collect garbage twice a second. Reported: server RSS growth per client, and the ratio.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const PORT = 3410;
const WS_PORT = 3411;
const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-memory-"));
const KEY = `bench-${randomUUID()}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

if (!existsSync(".next/BUILD_ID"))
  spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });

function launch(
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return (async () => {
    for (let i = 0; i < 240; i++) {
      if (await ready().catch(() => false)) return child;
      await sleep(250);
    }
    throw new Error(`${args.join(" ")} did not start`);
  })();
}

/** RSS once it stops moving (two readings a second apart within 1%), after a short rest. */
async function settled(pid: number) {
  let last = rss(pid);
  for (let i = 0; i < 10; i++) {
    await sleep(1000);
    const now = rss(pid);
    if (Math.abs(now - last) / last < 0.01) return now;
    last = now;
  }
  return last;
}

async function hiveboard(): Promise<number> {
  const base = `http://127.0.0.1:${PORT}`;
  const server = await launch(
    [
      "--expose-gc",
      "--import",
      "./bench/gc-loop.mjs",
      "--import",
      "tsx",
      "--import",
      "./scripts/server-only-hook.mjs",
      "server.ts",
    ],
    {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: `file:${path.join(dir, "memory.db")}`,
      HIVEBOARD_DATA_DIR: dir,
      HIVEBOARD_ADMIN_API_KEY: KEY,
    },
    async () =>
      (await fetch(`${base}/api/v1/projects/demo/board`, { headers: { "x-api-key": KEY } })).ok,
  );
  const { project, seq } = await (
    await fetch(`${base}/api/v1/projects/demo/board`, { headers: { "x-api-key": KEY } })
  ).json();
  const before = await settled(server.pid!);
  const sockets: Socket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, CLIENTS - i) }, async () => {
        const s = io(base, {
          transports: ["websocket"],
          extraHeaders: { "x-api-key": KEY },
          reconnection: false,
        });
        sockets.push(s);
        await new Promise<void>((resolve, reject) => {
          s.once("connect", () => resolve());
          s.once("connect_error", reject);
        });
        const joined = await s.emitWithAck("board:join", { projectId: project.id, after: seq });
        if (!joined?.ok) throw new Error(`board:join refused: ${JSON.stringify(joined)}`);
      }),
    );
  }
  const after = await settled(server.pid!);
  for (const s of sockets) s.close();
  server.kill("SIGKILL");
  return (after - before) / CLIENTS;
}

async function plainWs(): Promise<number> {
  const server = await launch(
    [
      "--expose-gc",
      "--import",
      "./bench/gc-loop.mjs",
      "bench/plain-ws-server.mjs",
      String(WS_PORT),
    ],
    {},
    async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${WS_PORT}`);
      return new Promise((resolve) => {
        ws.once("open", () => {
          ws.close();
          resolve(true);
        });
        ws.once("error", () => resolve(false));
      });
    },
  );
  const before = await settled(server.pid!);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    await Promise.all(
      Array.from(
        { length: Math.min(50, CLIENTS - i) },
        () =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${WS_PORT}`);
            sockets.push(ws);
            ws.once("open", () => {
              ws.send("join");
              resolve();
            });
            ws.once("error", reject);
          }),
      ),
    );
  }
  const after = await settled(server.pid!);
  for (const s of sockets) s.close();
  server.kill("SIGKILL");
  return (after - before) / CLIENTS;
}

const base = await plainWs();
const ours = await hiveboard();
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
console.log(
  `Memory per connected client, ${CLIENTS.toLocaleString()} clients on one board (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch})`,
);
console.log("| server | RSS growth per client | ratio |");
console.log("|---|---:|---:|");
console.log(`| bare ws | ${kb(base)} | 1.00× |`);
console.log(
  `| Hiveboard (Socket.IO, signed in, joined to the board) | ${kb(ours)} | ${(ours / base).toFixed(2)}× |`,
);
rmSync(dir, { recursive: true, force: true });

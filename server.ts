// One HTTP server on one port: Next's handler for pages, actions and /api, Socket.IO beside it.
import { createServer } from "node:http";
import next from "next";
import { Server } from "socket.io";
import { env } from "./lib/env";
import { registerEnvAdminKey } from "./lib/auth/api-keys";
import { allowRequest, attachRealtime, type HiveServer } from "./lib/realtime/server";
import { joinCluster } from "./lib/realtime/cluster";
import {
  applyControl,
  type ControlMessage,
  drainNode,
  startRunDuties,
  reconcileRuns,
  LEASE_MS,
} from "./lib/run-engine";
import { bootstrap } from "./lib/services/bootstrap";
import { sweepDecisionDeadlines } from "./lib/services/decisions";
import { deliverDueWebhooks } from "./lib/services/webhooks";
import { reportBackgroundError } from "./lib/db/retry";
import { stampClientAddress, trustProxies } from "./lib/http/client-address";
import { admission } from "./lib/http/admission";

const { PORT, HOSTNAME, NODE_ENV, DATABASE_URL } = env();
const dev = NODE_ENV !== "production";

const { migrated, seeded } = await bootstrap();
// Never print a database password into the logs.
if (migrated.length)
  console.log(
    `Migrated ${DATABASE_URL.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")}: ${migrated.join(", ")}`,
  );
if (seeded) console.log("Seeded the demo project.");

await registerEnvAdminKey();
// HIVEBOARD_RUNS=workers: `npm run worker` nodes execute runs; this one serves people and machines.
const executesRuns = env().HIVEBOARD_RUNS === "here";
const reconciled = executesRuns ? await reconcileRuns() : { resumed: [], failed: [], queued: [] };
if (reconciled.resumed.length || reconciled.failed.length) {
  console.log(
    `Reconciled runs left by a previous process: ${reconciled.resumed.length} resumed, ${reconciled.failed.length} failed`,
  );
}

const app = next({ dev, hostname: HOSTNAME, port: PORT });
const handle = app.getRequestHandler();
await app.prepare();

const trust = trustProxies(env().HIVEBOARD_TRUSTED_PROXIES);
const maxBody = env().HIVEBOARD_MAX_BODY_BYTES;
// REST requests beyond HIVEBOARD_API_CONCURRENCY wait in line (a quarter of the places kept for
// writes): a crowd of readers can neither starve writers nor stretch the event loop's turns. Not
// MCP: its tools may wait an hour for a person's decision or a run's end, holding their request.
const apiLimit = env().HIVEBOARD_API_CONCURRENCY;
const gate = apiLimit ? admission(apiLimit, Math.max(1, Math.floor(apiLimit / 4)), 10_000) : null;
const httpServer = createServer((req, res) => {
  stampClientAddress(req, trust);
  // A declared body past the limit is refused before anything reads it (route handlers also stop
  // reading a streamed one at the limit: lib/http/body.ts).
  if (req.url?.startsWith("/api/") && Number(req.headers["content-length"] ?? 0) > maxBody) {
    res.writeHead(413, { "content-type": "application/json", connection: "close" });
    res.end(
      JSON.stringify({
        error: {
          code: "body-too-large",
          message: `The body is larger than ${maxBody} bytes (HIVEBOARD_MAX_BODY_BYTES).`,
          details: null,
        },
      }),
    );
    req.destroy();
    return;
  }
  if (gate && req.url?.startsWith("/api/v1/")) gate.admit(req, res, () => void handle(req, res));
  else void handle(req, res);
});
// Next's dev server has its own websocket (HMR at /_next/hmr): Socket.IO must leave it alone.
const io: HiveServer = new Server(httpServer, {
  transports: ["websocket", "polling"],
  destroyUpgrade: false,
  serveClient: false,
  allowRequest,
  maxHttpBufferSize: 1e6,
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  httpServer.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io")) void upgrade(req, socket, head);
  });
}
attachRealtime(io);
const redis = joinCluster(io, (m) => applyControl(m as ControlMessage));

// Leases, the sweep for queued and orphaned runs, and lost control messages (see run-node.ts).
const stopDuties = executesRuns ? startRunDuties(LEASE_MS / 4, "This node") : async () => undefined;

// Deadlines: defaults applied, the rest escalated, within a second of passing.
setInterval(
  () => void sweepDecisionDeadlines().catch((e) => reportBackgroundError("decision deadlines", e)),
  1000,
).unref();
// Outbound webhooks: due deliveries every second, retried with backoff.
let delivering = false;
setInterval(() => {
  if (delivering) return;
  delivering = true;
  void deliverDueWebhooks()
    .catch((e) => reportBackgroundError("webhooks", e))
    .finally(() => (delivering = false));
}, 1000).unref();

httpServer.listen(PORT, HOSTNAME, () => {
  console.log(
    `Hiveboard ready on http://localhost:${PORT} (${dev ? "development" : "production"})`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  httpServer.close();
  await drainNode(signal, stopDuties, () => {
    io.close();
    redis?.disconnect();
  });
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

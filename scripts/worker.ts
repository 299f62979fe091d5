// `npm run worker`: a node that only executes runs. It takes queued runs and runs whose node went
// away (leases), holds them with a renewed lease, publishes their events to every web node through
// Redis, and applies the feedback, stops and answers people send from any node. SIGTERM drains.
import { Server } from "socket.io";
import { env } from "../lib/env";
import { closeDb } from "../lib/db/client";
import { joinCluster } from "../lib/realtime/cluster";
import { forwardBus, type HiveServer } from "../lib/realtime/server";
import { bootstrap } from "../lib/services/bootstrap";
import { applyControl, reconcileControl, type ControlMessage } from "../lib/services/run-control";
import { drainRuns, renewLeases } from "../lib/services/run-leases";
import { LEASE_MS, NODE_ID } from "../lib/services/run-supervisor";
import { reconcileRuns } from "../lib/services/runs";

if (!env().REDIS_URL) console.warn("worker: REDIS_URL is not set; browsers on other nodes will not see these runs live, and steering them will not reach here.");
await bootstrap();
// A Socket.IO server without HTTP: it only broadcasts to the web nodes' rooms through Redis.
const io = new Server() as HiveServer;
forwardBus(io);
const redis = joinCluster(io, (m) => applyControl(m as ControlMessage));

let sweeping = false;
const sweep = setInterval(() => {
  if (sweeping) return;
  sweeping = true;
  void reconcileRuns()
    .then((r) => r.resumed.length + r.failed.length && console.log(`${NODE_ID}: took ${r.resumed.length} run(s), failed ${r.failed.length}`))
    .catch((e) => console.error("sweep", e))
    .finally(() => (sweeping = false));
}, Number(process.env.HIVEBOARD_SWEEP_MS ?? 1000));
const renew = setInterval(() => void renewLeases().catch((e) => console.error("leases", e)), LEASE_MS / 4);
// Feedback and answers whose message was lost (a Redis blip) are applied from the database.
const control = setInterval(() => void reconcileControl().catch((e) => console.error("run control", e)), 2000);
console.log(`Hiveboard worker ${NODE_ID} ready`);

async function shutdown(signal: string) {
  clearInterval(sweep);
  clearInterval(renew);
  clearInterval(control);
  console.log(`${signal}: draining`);
  const { handedOver, unfinished } = await drainRuns(Number(process.env.HIVEBOARD_DRAIN_MS ?? 25_000));
  console.log(`Drained: ${handedOver.length} handed over, ${unfinished.length} still running`);
  io.close();
  redis?.disconnect();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

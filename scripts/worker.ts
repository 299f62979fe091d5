// `npm run worker`: a node that only executes runs. It takes runs from the queue (BullMQ on Redis,
// HIVEBOARD_MAX_RUNS at a time) and runs whose node went away (leases), holds them with a renewed lease, publishes their events to every web node through
// Redis, and applies the feedback, stops and answers people send from any node. SIGTERM drains.
import { Server } from "socket.io";
import { env } from "../lib/env";
import { joinCluster } from "../lib/realtime/cluster";
import { forwardBus, type HiveServer } from "../lib/realtime/server";
import {
  applyControl,
  type ControlMessage,
  drainNode,
  startRunDuties,
  LEASE_MS,
  NODE_ID,
} from "../lib/run-engine";
import { bootstrap } from "../lib/services/bootstrap";

if (!env().REDIS_URL)
  console.warn(
    "worker: REDIS_URL is not set; browsers on other nodes will not see these runs live, and steering them will not reach here.",
  );
await bootstrap();
// A Socket.IO server without HTTP: it only broadcasts to the web nodes' rooms through Redis.
const io = new Server() as HiveServer;
forwardBus(io);
const redis = joinCluster(io, (m) => applyControl(m as ControlMessage));

// With the queue, new runs arrive as jobs and the sweep is only the safety net; without one it is the way in.
const stopDuties = startRunDuties(
  env().HIVEBOARD_SWEEP_MS ?? (env().REDIS_URL ? LEASE_MS / 4 : 1000),
  NODE_ID,
);
console.log(`Hiveboard worker ${NODE_ID} ready`);

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  void drainNode(signal, stopDuties, () => {
    io.close();
    redis?.disconnect();
  });
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

import "server-only";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { connectRedis } from "@/lib/redis";
import { complainEvery } from "@/lib/utils/time";
import { realtimeBus } from "./publish";
import type { HiveServer } from "./server";

/**
 * With REDIS_URL, this node joins the others: room broadcasts go to every node's sockets through a
 * Redis stream (the streams adapter reads on from its last offset after a Redis blip, so nothing is
 * dropped; a client that was cut off catches up by seq), and run control messages reach the node
 * holding the run. The client reconnects by itself, for ever.
 */
export function joinCluster(io: HiveServer, onControl: (message: unknown) => void): Redis | null {
  if (!env().REDIS_URL) return null;
  const redis = connectRedis({ failFast: false }).on("error", (error) =>
    complainEvery("redis", 30_000, `redis: ${error.message} (reconnecting)`),
  );
  io.adapter(createAdapter(redis, { streamName: "hiveboard" }) as never);
  realtimeBus.on("cluster:control", (message) =>
    (io as unknown as { serverSideEmit: (event: string, message: unknown) => void }).serverSideEmit(
      "run:control",
      message,
    ),
  );
  (io as unknown as { on: (event: string, listener: (message: unknown) => void) => void }).on(
    "run:control",
    onControl,
  );
  return redis;
}

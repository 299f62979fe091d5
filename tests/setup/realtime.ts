import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterAll, beforeAll } from "vitest";
import { allowRequest, attachRealtime, type HiveServer } from "@/lib/realtime/server";

/** The real realtime layer on a loopback port for this test file; `url()` once it listens. */
export function realtimeServer(): { url: () => string } {
  let http: HttpServer;
  let url = "";
  beforeAll(async () => {
    http = createServer();
    attachRealtime(new Server(http, { allowRequest }) as HiveServer);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => http.close(() => r())));
  return { url: () => url };
}

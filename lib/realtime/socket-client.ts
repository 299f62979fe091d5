"use client";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type HiveClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: HiveClientSocket | null = null;

/** One Socket.IO connection per tab, shared by every live view. */
export function getSocket(): HiveClientSocket {
  socket ??= io({ transports: ["websocket"], withCredentials: true });
  return socket;
}

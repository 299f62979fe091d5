"use client";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type HiveClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: HiveClientSocket | null = null;

/** One Socket.IO connection per tab, shared by every live view. */
export function getSocket(): HiveClientSocket {
  if (!socket) {
    socket = io({ transports: ["websocket"], withCredentials: true });
    // The server disconnects a socket whose access changed (role, sign-out, key revoked). Connect
    // again, re-authorized as whoever we are now; a refused connect shows as offline.
    socket.on("disconnect", (reason) => {
      if (reason === "io server disconnect") setTimeout(() => socket?.connect(), 500);
    });
  }
  return socket;
}

"use client";
import { useEffect, type DependencyList } from "react";
import type { Socket } from "socket.io-client";
import type * as Events from "./events";

export type HiveClientSocket = Socket<Events.ServerToClientEvents, Events.ClientToServerEvents>;
export type LiveSchemas = typeof Events;

let socket: Promise<HiveClientSocket> | null = null;
let schemas: Promise<LiveSchemas> | null = null;

/**
 * One Socket.IO connection per tab, shared by every live view. The client library and the message
 * schemas (zod) load after the page, apart from its first JavaScript: the page shows what the
 * server rendered, then goes live.
 */
export function loadSocket(): Promise<HiveClientSocket> {
  return (socket ??= import("socket.io-client").then(({ io }) => {
    const s: HiveClientSocket = io({ transports: ["websocket"], withCredentials: true });
    // The server disconnects a socket whose access changed (role, sign-out, key revoked). Connect
    // again, re-authorized as whoever we are now; a refused connect shows as offline.
    s.on("disconnect", (reason) => {
      if (reason === "io server disconnect") setTimeout(() => s.connect(), 500);
    });
    return s;
  }));
}

export function loadLiveSchemas(): Promise<LiveSchemas> {
  return (schemas ??= import("./events"));
}

/**
 * Runs `setup` with the tab's socket and the message schemas once both have loaded; its returned
 * clean-up runs when `deps` change or the component goes (setup never runs after that).
 */
export function useSocket(
  setup: (socket: HiveClientSocket, schemas: LiveSchemas) => () => void,
  deps: DependencyList,
): void {
  useEffect(() => {
    let cleanup: (() => void) | null = null;
    let gone = false;
    void Promise.all([loadSocket(), loadLiveSchemas()]).then(([s, e]) => {
      if (!gone) cleanup = setup(s, e);
    });
    return () => {
      gone = true;
      cleanup?.();
    };
    // The caller's deps decide when to set up again, as with useEffect.
  }, deps);
}

import "server-only";
import { EventEmitter } from "node:events";
import {
  BoardChangeSchema,
  type BoardChange,
  type DecisionChange,
  type RunEventMessage,
  type RunUpdate,
} from "./events";

// Server actions run inside Next's bundle; the Socket.IO server lives in server.ts. Both see this
// bus through globalThis, and server.ts forwards it to the rooms. Only committed changes get here.
const g = globalThis as unknown as { __hiveboardBus?: EventEmitter };
export const realtimeBus: EventEmitter = (g.__hiveboardBus ??= new EventEmitter().setMaxListeners(
  100,
));

export function publishBoardChange(change: BoardChange): void {
  realtimeBus.emit("board:change", BoardChangeSchema.parse(change));
}

export function publishRunEvents(events: RunEventMessage[]): void {
  if (events.length) realtimeBus.emit("run:events", events);
}

export function publishRunUpdate(update: RunUpdate): void {
  realtimeBus.emit("run:update", update);
}

/** Disconnects at once the sockets of a person, a session or an API key (rooms user:, session:, key:). */
export function revokeSockets(rooms: string[]): void {
  if (rooms.length) realtimeBus.emit("auth:revoke", rooms);
}

/** A decision opened, answered, auto-applied or escalated: for inboxes and toasts. */
export function publishDecisionChange(change: DecisionChange): void {
  realtimeBus.emit("decision:change", change);
}

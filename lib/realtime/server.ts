import "server-only";
import type { IncomingMessage } from "node:http";
import type { Server, Socket } from "socket.io";
import { env } from "@/lib/env";
import { authorize, resolveActor, type Actor } from "@/lib/auth/actor";
import { boardChangesAfter } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { findProjectById } from "@/lib/db/projects";
import { runEventsAfter, runEventsBefore, toRunSummary } from "@/lib/db/runs";
import {
  BoardJoinSchema,
  boardRoom,
  DECISIONS_ROOM,
  type DecisionChange,
  RunJoinSchema,
  runRoom,
  type BoardChange,
  type BoardJoinReply,
  type ClientToServerEvents,
  type RunEventMessage,
  type RunJoinReply,
  type RunUpdate,
  type ServerToClientEvents,
} from "./events";
import { realtimeBus } from "./publish";

/** More missed changes than this and the client refetches the board instead of replaying. */
export const MAX_REPLAY = 500;
/** Run events replayed per join; the client asks again from the last seq when `more` is set. */
export const RUN_REPLAY_PAGE = 1000;

type HiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { actor: Actor }
>;
export type HiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { actor: Actor }
>;

const REPLAYED_TYPE: Record<string, BoardChange["type"]> = {
  "epic.create": "epic:created",
  "epic.update": "epic:updated",
  "epic.move": "epic:moved",
  "epic.delete": "epic:deleted",
  "project.update": "project:updated",
};

export async function replayBoard(projectId: string, after: number): Promise<BoardJoinReply> {
  const rows = await boardChangesAfter(getDb(), projectId, after, MAX_REPLAY + 1);
  const resync = rows.length > MAX_REPLAY;
  const kept = resync ? [] : rows;
  return {
    ok: true,
    resync,
    seq: rows.at(-1)?.id ?? after,
    changes: kept.map((r) => ({
      v: 1 as const,
      seq: r.id,
      projectId,
      type:
        REPLAYED_TYPE[r.action] ??
        (r.action.startsWith("todo.") ? "todos:changed" : "epic:updated"),
      epicId: r.epicId,
      card: null,
      actor: r.actorLabel,
    })),
  };
}

async function onBoardJoin(socket: HiveSocket, raw: unknown, reply: (r: BoardJoinReply) => void) {
  const parsed = BoardJoinSchema.safeParse(raw);
  if (!parsed.success)
    return reply({
      ok: false,
      code: "invalid-input",
      message: "board:join needs {projectId, after}",
    });
  const denied = authorize(socket.data.actor, "board:read");
  if (denied) return reply(denied);
  const { projectId, after } = parsed.data;
  if (!(await findProjectById(getDb(), projectId)))
    return reply({ ok: false, code: "project-not-found", message: "No such project." });
  // Join first, then read: a change committed in between arrives twice at worst (the client
  // drops seqs it has), never zero times.
  await socket.join(boardRoom(projectId));
  reply(await replayBoard(projectId, after));
}

async function onRunJoin(socket: HiveSocket, raw: unknown, reply: (r: RunJoinReply) => void) {
  const parsed = RunJoinSchema.safeParse(raw);
  if (!parsed.success)
    return reply({
      ok: false,
      code: "invalid-input",
      message: "run:join needs {runId, after, tail?}",
    });
  const denied = authorize(socket.data.actor, "board:read");
  if (denied) return reply(denied);
  const run = await getDb().run.findUnique({ where: { id: parsed.data.runId } });
  if (!run) return reply({ ok: false, code: "run-not-found", message: "No such run." });
  // Join, then read: a live event racing the read is at worst received twice (dropped by seq).
  await socket.join(runRoom(run.id));
  const { after, tail } = parsed.data;
  const events = tail
    ? await runEventsBefore(getDb(), run.id, undefined, tail, after)
    : await runEventsAfter(getDb(), run.id, after, RUN_REPLAY_PAGE + 1);
  reply({
    ok: true,
    run: toRunSummary(run),
    events: events.slice(0, RUN_REPLAY_PAGE),
    more: events.length > RUN_REPLAY_PAGE,
  });
}

/**
 * Browsers send an Origin on the websocket handshake: it must be this server (or HIVEBOARD_URL),
 * so another site cannot ride a signed-in person's cookie. Clients without an Origin (scripts,
 * agents) still need an API key or a session to get past the connect check.
 */
export function allowRequest(
  req: IncomingMessage,
  callback: (err: string | null, ok: boolean) => void,
): void {
  const origin = req.headers.origin;
  if (!origin) return callback(null, true);
  const allowed = new Set(
    [env().HIVEBOARD_URL, `http://${req.headers.host}`, `https://${req.headers.host}`]
      .filter(Boolean)
      .map((u) => new URL(u!).origin),
  );
  callback(allowed.has(origin) ? null : "origin not allowed", allowed.has(origin));
}

function headersOf(socket: Socket): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(socket.handshake.headers))
    if (typeof v === "string") h.set(k, v);
  return h;
}

/** A join always gets a reply: the handler's, or a clear "retrying" when it threw. */
function answerJoin<R>(
  event: string,
  what: string,
  reply: unknown,
  handle: (respond: (r: R) => void) => Promise<void>,
) {
  const respond = typeof reply === "function" ? (reply as (r: R) => void) : () => undefined;
  handle(respond).catch((error) => {
    console.error(`${event} failed`, error);
    respond({ ok: false, code: "internal", message: `Could not join ${what}; retrying.` } as R);
  });
}

export function attachRealtime(io: HiveServer): void {
  io.use(async (socket, next) => {
    const actor = await resolveActor({ headers: headersOf(socket) });
    const denied = authorize(actor, "board:read");
    if (denied) return next(new Error(denied.message));
    socket.data.actor = actor;
    next();
  });
  io.on("connection", (socket: HiveSocket) => {
    // Rooms by who is connected, so a role change, a sign-out or a revoked key can cut them off.
    const { actor } = socket.data;
    if (actor.type === "user" && actor.id) void socket.join(`user:${actor.id}`);
    if (actor.sessionId) void socket.join(`session:${actor.sessionId}`);
    if (actor.type === "api_key" && actor.id) void socket.join(`key:${actor.id}`);
    if (!authorize(actor, "board:read")) void socket.join(DECISIONS_ROOM);
    socket.on("board:join", (raw, reply) =>
      answerJoin("board:join", "the board", reply, (respond) => onBoardJoin(socket, raw, respond)),
    );
    socket.on("board:leave", (raw) => {
      if (raw && typeof raw.projectId === "string") void socket.leave(boardRoom(raw.projectId));
    });
    socket.on("run:join", (raw, reply) =>
      answerJoin("run:join", "the run", reply, (respond) => onRunJoin(socket, raw, respond)),
    );
    socket.on("run:leave", (raw) => {
      if (raw && typeof raw.runId === "string") void socket.leave(runRoom(raw.runId));
    });
  });
  forwardBus(io);
}

/** Committed changes of this process go to the rooms — on every node, when the adapter is Redis. */
export function forwardBus(io: HiveServer): void {
  realtimeBus.on("board:change", (change: BoardChange) => {
    io.to(boardRoom(change.projectId)).emit("board:change", change);
  });
  realtimeBus.on("run:events", (events: RunEventMessage[]) => {
    for (const e of events) io.to(runRoom(e.runId)).emit("run:event", e);
  });
  realtimeBus.on("decision:change", (change: DecisionChange) => {
    io.to(DECISIONS_ROOM).emit("decision:change", change);
  });
  realtimeBus.on("auth:revoke", (rooms: string[]) => {
    for (const room of rooms) io.in(room).disconnectSockets(true);
  });
  realtimeBus.on("run:update", (update: RunUpdate) => {
    io.to(runRoom(update.run.id)).to(boardRoom(update.run.projectId)).emit("run:update", update);
  });
}

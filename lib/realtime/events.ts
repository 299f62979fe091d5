// The event catalog: the single definition of what travels over Socket.IO. Names are noun:verb,
// payloads are versioned (v) and parsed on both ends.
import { z } from "zod";
import { EpicCardSchema } from "@/lib/schemas/board";
import { RunEventSchema, RunSummarySchema } from "@/lib/schemas/run";

export const BOARD_CHANGE_TYPES = [
  "epic:created",
  "epic:updated",
  "epic:moved",
  "epic:deleted",
  "todos:changed",
  "project:updated",
] as const;

/** One committed change on a board. `seq` is the audit log id of the change. */
export const BoardChangeSchema = z.object({
  v: z.literal(1),
  seq: z.number().int().positive(),
  projectId: z.string(),
  type: z.enum(BOARD_CHANGE_TYPES),
  epicId: z.string().nullable(),
  /** The card after the change, when there is one; replayed changes carry none. */
  card: EpicCardSchema.nullable(),
  actor: z.string(),
});
export type BoardChange = z.infer<typeof BoardChangeSchema>;

export const BoardJoinSchema = z.object({
  projectId: z.string().min(1),
  /** Last seq the client applied; the server replays what came after. */
  after: z.number().int().min(0),
});
export type BoardJoin = z.infer<typeof BoardJoinSchema>;

export const BoardJoinReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    changes: z.array(BoardChangeSchema),
    /** More changes were missed than are replayed: refetch the board instead. */
    resync: z.boolean(),
    seq: z.number().int(),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type BoardJoinReply = z.infer<typeof BoardJoinReplySchema>;

/** One committed run event, in the run's room. Clients keep the last seq and drop repeats. */
export const RunEventMessageSchema = RunEventSchema.extend({ v: z.literal(1) });
export type RunEventMessage = z.infer<typeof RunEventMessageSchema>;

/**
 * The run's current figures (status, turn, action, cost), to its room and its board. Not a
 * history: it is the state of a row already committed, so a late client reads the row instead.
 */
export const RunUpdateSchema = z.object({ v: z.literal(1), run: RunSummarySchema });
export type RunUpdate = z.infer<typeof RunUpdateSchema>;

/**
 * Join a run's room and catch up from `after`. With `tail`, a page that keeps only a window of a
 * long run gets at most the newest `tail` events after `after` (a hole below them is left for the
 * page to fetch on scroll) instead of everything from `after` page by page.
 */
export const RunJoinSchema = z.object({
  runId: z.string().min(1),
  after: z.number().int().min(0),
  tail: z.number().int().min(1).max(1000).optional(),
});
export type RunJoin = z.infer<typeof RunJoinSchema>;
export const RunJoinReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    run: RunSummarySchema,
    events: z.array(RunEventSchema),
    more: z.boolean(),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type RunJoinReply = z.infer<typeof RunJoinReplySchema>;

/** A decision changed; clients that show decisions refetch them. Sent to the "decisions" room. */
export const DecisionChangeSchema = z.object({
  v: z.literal(1),
  decisionId: z.string(),
  projectId: z.string(),
  status: z.string(),
  title: z.string(),
});
export type DecisionChange = z.infer<typeof DecisionChangeSchema>;
export const DECISIONS_ROOM = "decisions";

/** Client → server and server → client event names, typed for socket.io. */
export interface ServerToClientEvents {
  "board:change": (change: BoardChange) => void;
  "run:event": (event: RunEventMessage) => void;
  "run:update": (update: RunUpdate) => void;
  "decision:change": (change: DecisionChange) => void;
}
export interface ClientToServerEvents {
  "board:join": (join: BoardJoin, reply: (r: BoardJoinReply) => void) => void;
  "board:leave": (join: { projectId: string }) => void;
  "run:join": (join: RunJoin, reply: (r: RunJoinReply) => void) => void;
  "run:leave": (join: { runId: string }) => void;
}

export const boardRoom = (projectId: string) => `board:${projectId}`;
export const runRoom = (runId: string) => `run:${runId}`;

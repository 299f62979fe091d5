// The event catalog: the single definition of what travels over Socket.IO. Names are noun:verb,
// payloads are versioned (v) and parsed on both ends.
import { z } from "zod";
import { EpicCardSchema } from "@/lib/schemas/board";

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

/** Client → server and server → client event names, typed for socket.io. */
export interface ServerToClientEvents {
  "board:change": (change: BoardChange) => void;
}
export interface ClientToServerEvents {
  "board:join": (join: BoardJoin, reply: (r: BoardJoinReply) => void) => void;
  "board:leave": (join: { projectId: string }) => void;
}

export const boardRoom = (projectId: string) => `board:${projectId}`;

// What the board shows: one card per epic. The same shape travels over HTTP and Socket.IO.
import { z } from "zod";
import { EPIC_STATUSES, EPIC_TYPES, PRIORITIES } from "@/lib/domain/epic";

/** The live run on a card: enough for its progress bar and current action. */
export const CardRunSchema = z.object({
  id: z.string(),
  status: z.string(),
  runner: z.string(),
  phase: z.string(),
  turns: z.number().int(),
  maxTurns: z.number().int(),
  currentAction: z.string().nullable(),
});
export type CardRun = z.infer<typeof CardRunSchema>;

export const GateResultSchema = z.object({
  phase: z.string(),
  passed: z.boolean(),
  pending: z.boolean(),
  checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })),
});
export type GateResult = z.infer<typeof GateResultSchema>;

export const EpicCardSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  type: z.enum(EPIC_TYPES),
  priority: z.enum(PRIORITIES),
  targetVersion: z.string().nullable(),
  phase: z.string(),
  status: z.enum(EPIC_STATUSES),
  position: z.number(),
  todoDone: z.number().int(),
  todoTotal: z.number().int(),
  updatedAt: z.string(),
  run: CardRunSchema.nullable(),
  /** Open DECISION NEEDED cards on this epic. */
  openDecisions: z.number().int(),
  /** The last gate checked for this epic, while the card is still in that phase. */
  gate: GateResultSchema.nullable(),
  /** The phase the card was moved past by hand, its run skipped. */
  skippedPhase: z.string().nullable(),
});
export type EpicCard = z.infer<typeof EpicCardSchema>;

export const PhaseSummarySchema = z.object({ key: z.string(), name: z.string() });

export const BoardSchema = z.object({
  project: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  phases: z.array(PhaseSummarySchema),
  cards: z.array(EpicCardSchema),
  /** The board's resume point: the last change included in this snapshot. */
  seq: z.number().int(),
});
export type Board = z.infer<typeof BoardSchema>;

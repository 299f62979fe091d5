import "server-only";
import type { z } from "zod";
import type { ActionResult } from "@/lib/schemas/common";
import type { CreateEpicSchema } from "@/lib/schemas/epic";
import type { FeedbackInputSchema, StartPhaseRunSchema } from "@/lib/schemas/run";

type Result<T> = Promise<ActionResult<T>>;

/**
 * The writes the Automagik API and MCP tools make, as the caller may make them: each one goes
 * through the action catalog (lib/actions/doors.ts builds them for an actor).
 */
export type Doors = {
  createEpic: (input: z.input<typeof CreateEpicSchema>) => Result<{ id: string }>;
  startRun: (input: z.input<typeof StartPhaseRunSchema>) => Result<{ runId: string }>;
  sendFeedback: (input: z.input<typeof FeedbackInputSchema>) => Result<{
    runId: string;
    feedbackId: string;
    status: string;
    duplicate: boolean;
  }>;
  killRun: (input: { runId: string }) => Result<{ runId: string }>;
  removeWorktree: (input: { id: string }) => Result<unknown>;
};

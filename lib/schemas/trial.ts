import { z } from "zod";
import { AGENT_NAMES } from "@/lib/domain/agents";
import { IdSchema, ModelNameSchema } from "./common";

/** Agents a trial may pit against each other: every catalog agent but `custom` (its command line is a phase's). */
export const TRIAL_AGENTS = AGENT_NAMES.filter((a) => a !== "custom");

const Try = z.object({
  agent: z.enum(TRIAL_AGENTS, { error: `agent is one of ${TRIAL_AGENTS.join(", ")}` }),
  model: ModelNameSchema.nullish().transform((m) => m || null),
});

export const StartTrialSchema = z.object({
  epicId: IdSchema,
  tries: z
    .array(Try)
    .min(2, "Pick two or three agents (or models) to compare")
    .max(3, "Pick two or three agents (or models) to compare")
    .refine(
      (tries) => new Set(tries.map((t) => `${t.agent}|${t.model ?? ""}`)).size === tries.length,
      "Each try needs a different agent or model",
    ),
});
export type StartTrialInput = z.infer<typeof StartTrialSchema>;

export const ChooseTrialRunSchema = z.object({ trialId: IdSchema, runId: IdSchema });
export type ChooseTrialRunInput = z.infer<typeof ChooseTrialRunSchema>;

const Changes = z.object({ files: z.number(), added: z.number(), removed: z.number() });
export const TrialTrySchema = z.object({
  runId: z.string(),
  agent: z.string().nullable(),
  model: z.string().nullable(),
  runner: z.string(),
  status: z.string(),
  turns: z.number(),
  maxTurns: z.number(),
  /** From start to end (or to now while it runs). */
  durationSec: z.number().nullable(),
  costUsd: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  /** What it changed since it started, new files included; null where there is no git repository. */
  changes: Changes.nullable(),
  /** Its phase's definition of done, as checked when it ended; null while it runs. */
  gate: z.object({ passed: z.boolean(), met: z.number(), of: z.number() }).nullable(),
  branch: z.string().nullable(),
  resultSummary: z.string().nullable(),
  error: z.string().nullable(),
  chosen: z.boolean(),
});
export type TrialTry = z.infer<typeof TrialTrySchema>;

export const TrialViewSchema = z.object({
  id: z.string(),
  phase: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  chosenBy: z.string().nullable(),
  chosenRunId: z.string().nullable(),
  epic: z.object({ id: z.string(), number: z.number(), title: z.string(), phase: z.string() }),
  project: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  tries: z.array(TrialTrySchema),
});
export type TrialView = z.infer<typeof TrialViewSchema>;

import { z } from "zod";
import { RUN_STATUSES } from "@/lib/domain/run-status";
import { IdSchema } from "./common";

export const StartRunSchema = z.object({
  epicId: IdSchema,
  /** Patterns from the library the agent should follow: listed after its prompt, recorded as used. */
  patternIds: z.array(IdSchema).max(10, "Pick at most 10 patterns").default([]),
});
export type StartRunInput = z.infer<typeof StartRunSchema>;

/** A run of a named phase with its own task and limits (the Automagik API, MCP start_workflow). */
export const StartPhaseRunSchema = StartRunSchema.extend({
  phase: z.string().trim().max(40).optional(),
  prompt: z.string().max(100_000, "The task is at most 100,000 characters").optional(),
  maxTurns: z
    .number()
    .int()
    .min(1, "maxTurns is 1 to 200")
    .max(200, "maxTurns is 1 to 200")
    .optional(),
  timeoutSec: z
    .number()
    .int()
    .min(60, "timeoutSec is 60 to 14400")
    .max(14400, "timeoutSec is 60 to 14400")
    .optional(),
  resumeSessionId: z.string().max(200).nullish(),
});

export const FeedbackInputSchema = z.object({
  runId: IdSchema,
  message: z
    .string()
    .trim()
    .min(1, "Write a message first")
    .max(4000, "A message is at most 4,000 characters"),
  mode: z.enum(["send", "interrupt"], { error: "Mode is send or interrupt" }).default("send"),
  /** The same key twice delivers the message once (a double click, a retried request). */
  clientKey: z
    .string()
    .trim()
    .min(8, "clientKey needs at least 8 characters")
    .max(64, "clientKey is at most 64 characters"),
});
export type FeedbackInput = z.input<typeof FeedbackInputSchema>;

export const RunIdInputSchema = z.object({ runId: IdSchema });

export const ApprovalAnswerSchema = z.object({
  runId: IdSchema,
  requestId: z.string().trim().min(1).max(100),
  behavior: z.enum(["allow", "always", "deny"]),
  message: z.string().trim().max(2000).default(""),
});
export type ApprovalAnswerInput = z.input<typeof ApprovalAnswerSchema>;

export const RunSummarySchema = z.object({
  id: z.string(),
  epicId: z.string(),
  projectId: z.string(),
  phase: z.string(),
  runner: z.string(),
  /** The coding agent (lib/domain/agents.ts) and model the run used; null for a command or Automagik run. */
  agent: z.string().nullable(),
  model: z.string().nullable(),
  /** One of several agents tried on the phase at once (/trials/{trialId} compares them). */
  trialId: z.string().nullable(),
  workflow: z.string(),
  status: z.enum(RUN_STATUSES),
  turns: z.number().int(),
  maxTurns: z.number().int(),
  timeoutSec: z.number().int(),
  currentAction: z.string().nullable(),
  costUsd: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  sessionId: z.string().nullable(),
  parentRunId: z.string().nullable(),
  branch: z.string().nullable(),
  resultSummary: z.string().nullable(),
  error: z.string().nullable(),
  lastSeq: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunEventSchema = z.object({
  runId: z.string(),
  seq: z.number().int().positive(),
  kind: z.string(),
  data: z.unknown(),
  at: z.string(),
});
export type RunEventRow = z.infer<typeof RunEventSchema>;

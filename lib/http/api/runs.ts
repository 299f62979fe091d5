import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { RUN_STATUSES } from "@/lib/domain/run-status";
import { RunEventSchema, RunSummarySchema } from "@/lib/schemas/run";
import { getRunDetail, listRunEvents, listRuns, RUN_FOCUS } from "@/lib/run-engine";
import { command, PageQuery, query } from "../operation";

const RUN_NOT_FOUND: [string, string] = ["run-not-found", "No run with that id."];
const Control = z.object({ runId: z.string().max(64) });

export const runOps = {
  list: query({
    path: "/runs",
    tag: "runs",
    summary: "Runs newest first; filter by project, epic, phase, status, workflow or focus",
    input: PageQuery.extend({
      projectId: z.string().max(64).optional(),
      epicId: z.string().max(64).optional(),
      phase: z.string().max(40).optional(),
      status: z.enum(RUN_STATUSES).optional(),
      workflow: z.string().max(60).optional(),
      focus: z.enum(RUN_FOCUS).optional(),
    }),
    output: z.object({
      runs: z.array(RunSummarySchema.extend({ epicNumber: z.number(), epicTitle: z.string() })),
      next_cursor: z.string().nullable(),
    }),
    run: async (_actor, f) => {
      const { runs, nextCursor } = await listRuns(f);
      return { runs, next_cursor: nextCursor };
    },
  }),
  start: command(ACTIONS.startRun, {
    method: "POST",
    path: "/runs",
    tag: "runs",
    summary:
      "Start a run of an epic's current phase (it waits for an approval when the phase requires one)",
    status: 201,
    output: z.object({ runId: z.string(), gated: z.boolean() }),
  }),
  get: query({
    path: "/runs/{id}",
    tag: "runs",
    summary: "A run's status, figures and feedback",
    input: z.object({ id: z.string().max(64) }),
    output: RunSummarySchema,
    notFound: RUN_NOT_FOUND,
    run: (_a, { id }) => getRunDetail(id),
  }),
  events: query({
    path: "/runs/{id}/events",
    tag: "runs",
    summary:
      "A run's events after a seq, in order (resume with after=lastSeq); with before=seq, the last `limit` events below it (page back through a long run)",
    input: z.object({
      id: z.string().max(64),
      after: z.coerce
        .number({ error: "after is a number" })
        .int("after is a whole number")
        .min(0, "after is 0 or more")
        .default(0),
      before: z.coerce
        .number({ error: "before is a number" })
        .int("before is a whole number")
        .min(1, "before is 1 or more")
        .optional(),
      limit: z.coerce
        .number({ error: "limit is a number" })
        .int()
        .min(1, "limit is at least 1")
        .max(1000, "limit is at most 1000")
        .default(500),
    }),
    output: z.object({ events: z.array(RunEventSchema), lastSeq: z.number(), more: z.boolean() }),
    notFound: RUN_NOT_FOUND,
    run: (_a, { id, ...page }) => listRunEvents(id, page),
  }),
  feedback: command(ACTIONS.sendFeedback, {
    method: "POST",
    path: "/runs/{id}/feedback",
    tag: "runs",
    summary:
      "Send feedback into a running agent (or continue an ended run with it); idempotent by clientKey",
    pathAs: { id: "runId" },
    output: z.object({
      feedbackId: z.string(),
      runId: z.string(),
      status: z.string(),
      duplicate: z.boolean(),
    }),
  }),
  stop: command(ACTIONS.stopRun, {
    method: "POST",
    path: "/runs/{id}/stop",
    tag: "runs",
    summary: "Stop a run gracefully (the agent finishes its step)",
    pathAs: { id: "runId" },
    input: Control,
  }),
  kill: command(ACTIONS.killRun, {
    method: "POST",
    path: "/runs/{id}/kill",
    tag: "runs",
    summary: "Kill a run's agent now",
    pathAs: { id: "runId" },
    input: Control,
  }),
};

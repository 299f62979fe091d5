import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { DecisionSummarySchema } from "@/lib/schemas/decision";
import { findDecisions } from "@/lib/services/decision-queries";
import { command, query } from "../operation";

export const decisionOps = {
  list: query({
    path: "/decisions",
    tag: "decisions",
    summary:
      "Decisions: open ones in inbox order (escalated, deadline, urgency), closed ones newest first",
    input: z.object({
      status: z.enum(["open", "closed"]).optional(),
      runId: z.string().max(64).optional(),
      epicId: z.string().max(64).optional(),
      projectId: z.string().max(64).optional(),
      source: z.enum(["tool_approval", "agent", "manager", "gate"]).optional(),
    }),
    output: z.object({ decisions: z.array(DecisionSummarySchema) }),
    run: async (_a, f) => ({ decisions: await findDecisions(f) }),
  }),
  create: command(ACTIONS.createDecision, {
    method: "POST",
    path: "/decisions",
    tag: "decisions",
    summary: "Ask people for a decision (a DECISION NEEDED card)",
    status: 201,
  }),
  answer: command(ACTIONS.answerDecision, {
    method: "POST",
    path: "/decisions/{id}/answer",
    tag: "decisions",
    summary: "Answer a decision with one of its options; the same clientKey answers once",
    pathAs: { id: "decisionId" },
  }),
};

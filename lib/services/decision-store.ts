import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb, type Tx } from "@/lib/db/client";
import { getCard } from "@/lib/db/epics";
import type { DecisionOption } from "@/lib/domain/decisions";
import { publishBoardChange, publishDecisionChange } from "@/lib/realtime/publish";
import { queueWebhooks } from "./webhooks";

// Writing a decision card and telling people about it: shared by the run engine (agents and gates
// ask) and the decision use cases (managers ask, people answer). Imports nothing of the engine.

export const hookPayload = (
  d: { id: string; title: string; source: string; epicId: string | null; runId: string | null },
  extra: object = {},
) => ({
  decision: {
    id: d.id,
    title: d.title,
    source: d.source,
    epicId: d.epicId,
    runId: d.runId,
    ...extra,
  },
});

export type NewDecision = {
  projectId: string;
  epicId: string | null;
  runId?: string | null;
  runEventSeq?: number | null;
  requestId?: string | null;
  source: "tool_approval" | "agent" | "manager" | "gate";
  title: string;
  context?: string;
  options: DecisionOption[];
  recommendation?: { option: string; why: string } | null;
  impact?: string;
  urgency?: string;
  deadline?: Date | null;
  defaultOption?: string | null;
  answerRole?: string;
  /** Answered at once with an earlier answer to the same question (see earlierAnswerTo). */
  reuse?: { id: string; option: string; comment: string | null; by: string } | null;
};

/** A decision just written, and the board change seq of its audit row: what to announce after the commit. */
export type OpenedDecision = {
  decision: { id: string; projectId: string; epicId: string | null; status: string; title: string };
  seq: number;
};

/** Inside the caller's transaction: the decision and its audit row (the board's change seq). */
export async function insertDecision(tx: Tx, actor: Actor, d: NewDecision) {
  const decision = await tx.decision.create({
    data: {
      projectId: d.projectId,
      epicId: d.epicId,
      runId: d.runId ?? null,
      runEventSeq: d.runEventSeq ?? null,
      requestId: d.requestId ?? null,
      source: d.source,
      title: d.title,
      context: d.context ?? "",
      options: d.options as Prisma.InputJsonValue,
      recommendation: (d.recommendation ?? undefined) as Prisma.InputJsonValue | undefined,
      impact: d.impact ?? "",
      urgency: d.urgency ?? "normal",
      deadline: d.deadline ?? null,
      defaultOption: d.defaultOption ?? null,
      answerRole: d.answerRole ?? "approver",
      ...(d.reuse
        ? {
            status: "auto_applied",
            answerOption: d.reuse.option,
            answerComment: `The same question was answered earlier by ${d.reuse.by}${d.reuse.comment ? `: ${d.reuse.comment}` : "."} Change the answer here before the deadline if it no longer holds.`,
            answeredByLabel: `Earlier answer (${d.reuse.by})`,
            answeredAt: new Date(),
            reusedFromId: d.reuse.id,
          }
        : {}),
    },
  });
  const seq = await recordAudit(tx, actor, {
    action: d.reuse ? "decision.reuse" : "decision.open",
    objectType: "decision",
    objectId: decision.id,
    projectId: d.projectId,
    epicId: d.epicId,
    data: {
      title: d.title,
      source: d.source,
      ...(d.reuse ? { reusedFrom: d.reuse.id, option: d.reuse.option } : {}),
    },
  });
  await queueWebhooks(
    tx,
    d.projectId,
    "decision.opened",
    hookPayload(decision, {
      options: d.options,
      recommendation: d.recommendation ?? null,
      impact: d.impact ?? "",
      deadline: d.deadline?.toISOString() ?? null,
    }),
  );
  return { decision, seq };
}

/** After commit: tell the board (the card's badge) and the approvers' inboxes. */
export async function announceDecision(
  decision: { id: string; projectId: string; epicId: string | null; status: string; title: string },
  seq: number,
  actorLabel: string,
) {
  publishDecisionChange({
    v: 1,
    decisionId: decision.id,
    projectId: decision.projectId,
    status: decision.status,
    title: decision.title,
  });
  if (decision.epicId)
    publishBoardChange({
      v: 1,
      seq,
      projectId: decision.projectId,
      type: "epic:updated",
      epicId: decision.epicId,
      card: await getCard(getDb(), decision.epicId),
      actor: actorLabel,
    });
}

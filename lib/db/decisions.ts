import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { DecisionSummary } from "@/lib/schemas/decision";
import type { Tx } from "./client";

export const DECISION_INCLUDE = { project: { select: { slug: true } }, epic: { select: { number: true, title: true } } } as const;
type Row = Prisma.DecisionGetPayload<{ include: typeof DECISION_INCLUDE }>;

export function toDecisionSummary(d: Row): DecisionSummary {
  return {
    id: d.id,
    projectId: d.projectId,
    projectSlug: d.project.slug,
    epicId: d.epicId,
    epicNumber: d.epic?.number ?? null,
    epicTitle: d.epic?.title ?? null,
    runId: d.runId,
    source: d.source as DecisionSummary["source"],
    title: d.title,
    context: d.context,
    options: d.options as DecisionSummary["options"],
    recommendation: (d.recommendation as DecisionSummary["recommendation"]) ?? null,
    impact: d.impact,
    urgency: d.urgency as DecisionSummary["urgency"],
    deadline: d.deadline?.toISOString() ?? null,
    defaultOption: d.defaultOption,
    answerRole: d.answerRole,
    status: d.status as DecisionSummary["status"],
    answerOption: d.answerOption,
    answerComment: d.answerComment,
    answeredByLabel: d.answeredByLabel,
    answeredAt: d.answeredAt?.toISOString() ?? null,
    escalatedAt: d.escalatedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function listDecisions(tx: Tx, where: Prisma.DecisionWhereInput, take = 200) {
  const rows = await tx.decision.findMany({ where, include: DECISION_INCLUDE, orderBy: { createdAt: "desc" }, take });
  return rows.map(toDecisionSummary);
}

import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { DecisionSummary } from "@/lib/schemas/decision";
import type { Tx } from "./client";

export const DECISION_INCLUDE = {
  project: { select: { slug: true } },
  epic: { select: { number: true, title: true } },
} as const;
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
    requestId: d.requestId,
    reusedFromId: d.reusedFromId,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function listDecisions(tx: Tx, where: Prisma.DecisionWhereInput, take = 200) {
  const rows = await tx.decision.findMany({
    where,
    include: DECISION_INCLUDE,
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map(toDecisionSummary);
}

/** The question's words, for telling a repeat: case, spacing and closing punctuation do not count. */
export const questionKey = (title: string) =>
  title
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[?.!\s]+$/, "");

/**
 * The latest answer a person gave to the same question on the same epic (an agent asks it again in
 * a later phase although the answer is in its handoff), if its options still offer that answer.
 */
export async function earlierAnswerTo(
  tx: Tx,
  epicId: string,
  title: string,
  options: { key: string }[],
) {
  const answered = await tx.decision.findMany({
    where: { epicId, source: "agent", status: { in: ["answered", "auto_applied"] } },
    orderBy: { answeredAt: "desc" },
    select: {
      id: true,
      title: true,
      answerOption: true,
      answerComment: true,
      answeredByLabel: true,
      reusedFromId: true,
    },
    take: 50,
  });
  const key = questionKey(title);
  const hit = answered.find(
    (d) => questionKey(d.title) === key && options.some((o) => o.key === d.answerOption),
  );
  return hit
    ? {
        id: hit.reusedFromId ?? hit.id,
        option: hit.answerOption!,
        comment: hit.answerComment,
        by: hit.answeredByLabel ?? "someone",
      }
    : null;
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb, type Tx } from "@/lib/db/client";
import { findLiveEpic, getCard } from "@/lib/db/epics";
import { mayAnswer, type DecisionOption } from "@/lib/domain/decisions";
import type { ActionResult } from "@/lib/schemas/common";
import type { AnswerDecisionSchema, AskDecisionSchema, CreateDecisionSchema } from "@/lib/schemas/decision";
import { publishBoardChange, publishDecisionChange } from "@/lib/realtime/publish";
import { commitChange, fail } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";
import { applyDecisionAnywhere, noteMcpAnswerAnywhere, noteMcpQuestionAnywhere } from "./run-control";
import { queueWebhooks } from "./webhooks";

const hookPayload = (d: { id: string; title: string; source: string; epicId: string | null; runId: string | null }, extra: object = {}) => ({
  decision: { id: d.id, title: d.title, source: d.source, epicId: d.epicId, runId: d.runId, ...extra },
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
    },
  });
  const seq = await recordAudit(tx, actor, { action: "decision.open", objectType: "decision", objectId: decision.id, projectId: d.projectId, epicId: d.epicId, data: { title: d.title, source: d.source } });
  await queueWebhooks(tx, d.projectId, "decision.opened", hookPayload(decision, { options: d.options, recommendation: d.recommendation ?? null, impact: d.impact ?? "", deadline: d.deadline?.toISOString() ?? null }));
  return { decision, seq };
}

/** After commit: tell the board (the card's badge) and the approvers' inboxes. */
export async function announceDecision(decision: { id: string; projectId: string; epicId: string | null; status: string; title: string }, seq: number, actorLabel: string) {
  publishDecisionChange({ v: 1, decisionId: decision.id, projectId: decision.projectId, status: decision.status, title: decision.title });
  if (decision.epicId) publishBoardChange({ v: 1, seq, projectId: decision.projectId, type: "epic:updated", epicId: decision.epicId, card: await getCard(getDb(), decision.epicId), actor: actorLabel });
}

/** A manager asks, on any epic. */
export async function createDecision(actor: Actor, input: z.output<typeof CreateDecisionSchema>) {
  const held: { announced?: { decision: { id: string; projectId: string; epicId: string | null; status: string; title: string }; seq: number } } = {};
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const { decision, seq } = await insertDecision(tx, actor, { ...input, projectId: epic.projectId, source: "manager" });
    held.announced = { decision, seq };
    return { ok: true, value: { decisionId: decision.id }, audit: { action: "decision.ask", objectType: "decision", objectId: decision.id, projectId: epic.projectId, epicId: epic.id } };
  });
  if (result.ok && held.announced) await announceDecision(held.announced.decision, held.announced.seq, actor.label);
  return result;
}

type Answer = { decisionId: string; option: string; comment: string; clientKey: string };

async function settle(actor: Actor, input: Answer, status: "answered" | "auto_applied"): Promise<ActionResult<{ decisionId: string; duplicate: boolean }>> {
  const db = getDb();
  const d = await db.decision.findUnique({ where: { id: input.decisionId } });
  if (!d) return fail("decision-not-found", "This decision does not exist.");
  if (d.status !== "open" && d.answerKey === input.clientKey) return { ok: true, data: { decisionId: d.id, duplicate: true } };
  if (actor.role && status === "answered" && !mayAnswer(actor.role, d.answerRole)) {
    return fail("forbidden", `This decision is for ${d.answerRole}s or above; your role is ${actor.role}.`);
  }
  const alreadyAnswered = (x: typeof d) => fail("already-answered", `Already answered by ${x.answeredByLabel ?? "someone"} at ${x.answeredAt?.toISOString() ?? "an earlier time"}: ${x.answerOption}.`);
  if (d.status === "expired" || d.status === "cancelled") return fail(`decision-${d.status}`, `This decision was ${d.status}; it can no longer be answered.`);
  if (d.status !== "open") return alreadyAnswered(d);
  const options = d.options as DecisionOption[];
  if (!options.some((o) => o.key === input.option)) {
    return fail("option-unknown", `"${input.option}" is not an option here; choose one of ${options.map((o) => o.key).join(", ")}.`, { option: "Choose one of the options on the card" });
  }
  // One conditional update: of two answers racing, exactly one finds the decision still open.
  const { seq, won } = await db.$transaction(async (tx) => {
    const { count } = await tx.decision.updateMany({
      where: { id: d.id, status: "open" },
      data: { status, answerOption: input.option, answerComment: input.comment || null, answeredById: actor.id, answeredByLabel: actor.label, answeredAt: new Date(), answerKey: input.clientKey },
    });
    if (count !== 1) return { seq: 0, won: false };
    const seq = await recordAudit(tx, actor, { action: status === "auto_applied" ? "decision.auto_apply" : "decision.answer", objectType: "decision", objectId: d.id, projectId: d.projectId, epicId: d.epicId, data: { option: input.option } });
    await queueWebhooks(tx, d.projectId, status === "auto_applied" ? "decision.auto_applied" : "decision.answered", hookPayload(d, { option: input.option, comment: input.comment || null, by: actor.label }));
    return { seq, won: true };
  });
  if (!won) return alreadyAnswered(await db.decision.findUniqueOrThrow({ where: { id: d.id } }));
  const label = options.find((o) => o.key === input.option)!.label;
  if (d.runId && d.source === "gate") {
    const { resolveGate } = await import("./runs");
    await resolveGate(d.runId, input.option === "approve", actor.label, input.comment);
  } else if (d.runId && d.requestId?.startsWith("mcp:")) {
    // Asked over MCP: the answer goes back as the tool's result; the run just stops waiting.
    noteMcpAnswerAnywhere(d.runId, { id: d.id, title: d.title, option: input.option, label, comment: input.comment, by: actor.label, openedAt: d.createdAt });
  } else if (d.runId) {
    applyDecisionAnywhere(d.runId, { id: d.id, title: d.title, requestId: d.requestId, option: input.option, label, comment: input.comment, by: actor.label, openedAt: d.createdAt });
  }
  await announceDecision({ ...d, status }, seq, actor.label);
  return { ok: true, data: { decisionId: d.id, duplicate: false } };
}

export const answerDecision = (actor: Actor, input: z.output<typeof AnswerDecisionSchema>) => settle(actor, input, "answered");

/**
 * Decisions past their deadline: the default option is applied (auto-applied), or, with none,
 * the decision is escalated once: shown first in the inbox and announced again.
 */
export async function sweepDecisionDeadlines(now = new Date()): Promise<{ applied: string[]; escalated: string[] }> {
  const db = getDb();
  const due = await db.decision.findMany({ where: { status: "open", deadline: { lte: now } } });
  const applied: string[] = [];
  const escalated: string[] = [];
  for (const d of due) {
    if (d.defaultOption) {
      const r = await settle(SYSTEM_ACTOR, { decisionId: d.id, option: d.defaultOption, comment: "The deadline passed: the default option was applied.", clientKey: `deadline-${d.id}` }, "auto_applied");
      if (r.ok) applied.push(d.id);
    } else if (!d.escalatedAt) {
      const seq = await db.$transaction(async (tx) => {
        const { count } = await tx.decision.updateMany({ where: { id: d.id, escalatedAt: null, status: "open" }, data: { escalatedAt: now } });
        if (count !== 1) return null;
        await queueWebhooks(tx, d.projectId, "decision.overdue", hookPayload(d, { deadline: d.deadline?.toISOString() ?? null }));
        return recordAudit(tx, SYSTEM_ACTOR, { action: "decision.overdue", objectType: "decision", objectId: d.id, projectId: d.projectId, epicId: d.epicId });
      });
      if (seq === null) continue;
      await announceDecision({ ...d, status: "open" }, seq, SYSTEM_ACTOR.label);
      escalated.push(d.id);
    }
  }
  return { applied, escalated };
}

/**
 * A decision asked over MCP (by an orchestrator, or by a run's own agent with its run key): on the
 * epic's card and in the inbox like any other; the caller waits for the answer on the same call.
 */
export async function requestDecision(actor: Actor, input: z.output<typeof AskDecisionSchema> & { runId?: string | null }) {
  const db = getDb();
  const run = input.runId ? await db.run.findUnique({ where: { id: input.runId }, select: { id: true, epicId: true, projectId: true } }) : null;
  if (input.runId && !run) return fail("run-not-found", "No run with that id.");
  const epicId = run?.epicId ?? input.epicId;
  if (!epicId) return fail("epic-not-found", "Name the epic (epic_id) or the run (run_id) the decision is about.");
  const held: { announced?: { decision: { id: string; projectId: string; epicId: string | null; status: string; title: string }; seq: number } } = {};
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const { runId: _r, epicId: _e, ...fields } = input;
    const { decision, seq } = await insertDecision(tx, actor, { ...fields, projectId: epic.projectId, epicId: epic.id, runId: run?.id ?? null, requestId: `mcp:${randomUUID()}`, source: run ? "agent" : "manager" });
    held.announced = { decision, seq };
    return { ok: true, value: { decisionId: decision.id }, audit: { action: "decision.ask", objectType: "decision", objectId: decision.id, projectId: epic.projectId, epicId: epic.id } };
  });
  if (result.ok && held.announced) {
    await announceDecision(held.announced.decision, held.announced.seq, actor.label);
    if (run) noteMcpQuestionAnywhere(run.id, held.announced.decision.id, input.title);
  }
  return result;
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb, type Tx } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import {
  ALWAYS_ALLOW,
  mayAddRule,
  mayAnswer,
  ruleOfAlwaysOption,
  type DecisionOption,
} from "@/lib/domain/decisions";
import { isActiveRun } from "@/lib/domain/run-status";
import { pokeRun, resolveGate } from "@/lib/run-engine";
import type { ActionResult } from "@/lib/schemas/common";
import type {
  AnswerDecisionSchema,
  RequestDecisionSchema,
  CreateDecisionSchema,
} from "@/lib/schemas/decision";
import type { ApprovalAnswerSchema } from "@/lib/schemas/run";
import { commitChange, fail } from "./commit-change";
import {
  announceDecision,
  hookPayload,
  insertDecision,
  type OpenedDecision,
} from "./decision-store";
import { EPIC_NOT_FOUND } from "./epics";
import { queueWebhooks } from "./webhooks";

/** A manager asks, on any epic. */
export async function createDecision(actor: Actor, input: z.output<typeof CreateDecisionSchema>) {
  const held: { announced?: OpenedDecision } = {};
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const { decision, seq } = await insertDecision(tx, actor, {
      ...input,
      projectId: epic.projectId,
      source: "manager",
    });
    held.announced = { decision, seq };
    return {
      ok: true,
      value: { decisionId: decision.id },
      audit: {
        action: "decision.ask",
        objectType: "decision",
        objectId: decision.id,
        projectId: epic.projectId,
        epicId: epic.id,
      },
    };
  });
  if (result.ok && held.announced)
    await announceDecision(held.announced.decision, held.announced.seq, actor.label);
  return result;
}

type Answer = { decisionId: string; option: string; comment: string; clientKey: string };
type Settled = ActionResult<{ decisionId: string; duplicate: boolean }>;

/** An answer reused from an earlier decision may be changed by a person until its deadline. */
const changeable = (
  d: { status: string; reusedFromId: string | null; deadline: Date | null },
  now = new Date(),
) => d.status === "auto_applied" && d.reusedFromId !== null && (!d.deadline || d.deadline > now);

async function settle(
  actor: Actor,
  input: Answer,
  status: "answered" | "auto_applied",
): Promise<Settled> {
  const db = getDb();
  const d = await db.decision.findUnique({ where: { id: input.decisionId } });
  if (!d) return fail("decision-not-found", "This decision does not exist.");
  if (d.status !== "open" && d.answerKey === input.clientKey)
    return { ok: true, data: { decisionId: d.id, duplicate: true } };
  if (actor.role && status === "answered" && !mayAnswer(actor.role, d.answerRole)) {
    return fail(
      "forbidden",
      `This decision is for ${d.answerRole}s or above; your role is ${actor.role}.`,
    );
  }
  const alreadyAnswered = (x: typeof d) =>
    fail(
      "already-answered",
      `Already answered by ${x.answeredByLabel ?? "someone"} at ${x.answeredAt?.toISOString() ?? "an earlier time"}: ${x.answerOption}.`,
    );
  if (d.status === "withdrawn")
    return fail(
      "decision-withdrawn",
      `This decision was withdrawn; it can no longer be answered. ${d.answerComment ?? ""}`.trim(),
    );
  if (d.status === "expired" || d.status === "cancelled")
    return fail(
      `decision-${d.status}`,
      `This decision was ${d.status}; it can no longer be answered.`,
    );
  const reanswer = status === "answered" && changeable(d);
  if (d.status !== "open" && !reanswer) return alreadyAnswered(d);
  const options = d.options as DecisionOption[];
  if (!options.some((o) => o.key === input.option)) {
    return fail(
      "option-unknown",
      `"${input.option}" is not an option here; choose one of ${options.map((o) => o.key).join(", ")}.`,
      { option: "Choose one of the options on the card" },
    );
  }
  const rule = input.option === ALWAYS_ALLOW ? ruleOfAlwaysOption(options) : null;
  if (input.option === ALWAYS_ALLOW && (!rule || (actor.role && !mayAddRule(actor.role)))) {
    return fail(
      "forbidden",
      "Adding a permission rule takes an approver or above: answer Allow for this once.",
    );
  }
  const run = d.runId
    ? await db.run.findUnique({ where: { id: d.runId }, select: { status: true } })
    : null;
  const label = options.find((o) => o.key === input.option)!.label;
  // One conditional update: of two answers racing, exactly one finds the decision still open.
  const { seq, won } = await db.$transaction(async (tx) => {
    const { count } = await tx.decision.updateMany({
      where: reanswer
        ? { id: d.id, status: "auto_applied", answerOption: d.answerOption }
        : { id: d.id, status: "open" },
      data: {
        status,
        answerOption: input.option,
        answerComment: input.comment || null,
        answeredById: actor.id,
        answeredByLabel: actor.label,
        answeredAt: new Date(),
        answerKey: input.clientKey,
      },
    });
    if (count !== 1) return { seq: 0, won: false };
    if (rule && d.epicId) await addRuleOnce(tx, actor, d.projectId, rule);
    // A changed answer the run already went on with reaches the agent as a message.
    if (reanswer && d.runId && run && isActiveRun(run.status) && input.option !== d.answerOption) {
      const message = `The answer to "${d.title}" changed: ${label} (${input.option}), decided by ${actor.label}.${input.comment ? ` Comment: ${input.comment}` : ""} Adjust your work accordingly.`;
      await tx.feedback.create({
        data: {
          runId: d.runId,
          clientKey: `reanswer-${input.clientKey}`,
          message,
          mode: "send",
          authorId: actor.id,
          authorLabel: actor.label,
        },
      });
    }
    const action = reanswer
      ? "decision.change"
      : status === "auto_applied"
        ? "decision.auto_apply"
        : "decision.answer";
    const seq = await recordAudit(tx, actor, {
      action,
      objectType: "decision",
      objectId: d.id,
      projectId: d.projectId,
      epicId: d.epicId,
      data: { option: input.option, ...(rule ? { rule } : {}) },
    });
    await queueWebhooks(
      tx,
      d.projectId,
      status === "auto_applied" ? "decision.auto_applied" : "decision.answered",
      hookPayload(d, { option: input.option, comment: input.comment || null, by: actor.label }),
    );
    return { seq, won: true };
  });
  if (!won) return alreadyAnswered(await db.decision.findUniqueOrThrow({ where: { id: d.id } }));
  if (d.runId && d.source === "gate")
    await resolveGate(d.runId, input.option === "approve", actor.label, input.comment);
  // Written; the node holding the run's agent applies it (an approval's reply, the agent's next message, an MCP tool's result).
  else if (d.runId) pokeRun(d.runId);
  await announceDecision({ ...d, status }, seq, actor.label);
  return { ok: true, data: { decisionId: d.id, duplicate: false } };
}

/** "Always allow" adds the rule to the project, once, with its own audit row. */
async function addRuleOnce(tx: Tx, actor: Actor, projectId: string, rule: string) {
  if (await tx.permissionRule.findFirst({ where: { projectId, rule, phase: null, epicId: null } }))
    return;
  const created = await tx.permissionRule.create({
    data: { projectId, rule, behavior: "allow", createdById: actor.id, createdBy: actor.label },
  });
  await recordAudit(tx, actor, {
    action: "permission_rule.create",
    objectType: "permission_rule",
    objectId: created.id,
    projectId,
    data: { rule, behavior: "allow", scope: "project" },
  });
}

/** A tool approval is a decision: answering it on the run page answers that decision, once, for everyone. */
export async function answerRunApproval(
  actor: Actor,
  input: z.output<typeof ApprovalAnswerSchema>,
): Promise<ActionResult<{ runId: string }>> {
  const decision = await getDb().decision.findFirst({
    where: { runId: input.runId, requestId: input.requestId },
    orderBy: { createdAt: "desc" },
  });
  if (!decision || decision.status !== "open") {
    const why =
      decision?.status === "withdrawn"
        ? ` It was withdrawn: ${decision.answerComment ?? "the run moved on."}`
        : "";
    return fail("approval-not-pending", `This request is no longer waiting for an answer.${why}`);
  }
  const r = await answerDecision(actor, {
    decisionId: decision.id,
    option: input.behavior,
    comment: input.message,
    clientKey: `approval-${input.requestId}-${actor.id ?? "anon"}`,
  });
  return r.ok ? { ok: true, data: { runId: input.runId } } : r;
}

export const answerDecision = (actor: Actor, input: z.output<typeof AnswerDecisionSchema>) =>
  settle(actor, input, "answered");

/**
 * Decisions past their deadline: the default option is applied (auto-applied), or, with none,
 * the decision is escalated once: shown first in the inbox and announced again.
 */
export async function sweepDecisionDeadlines(
  now = new Date(),
): Promise<{ applied: string[]; escalated: string[] }> {
  const db = getDb();
  const due = await db.decision.findMany({ where: { status: "open", deadline: { lte: now } } });
  const applied: string[] = [];
  const escalated: string[] = [];
  for (const d of due) {
    if (d.defaultOption) {
      const r = await settle(
        SYSTEM_ACTOR,
        {
          decisionId: d.id,
          option: d.defaultOption,
          comment: "The deadline passed: the default option was applied.",
          clientKey: `deadline-${d.id}`,
        },
        "auto_applied",
      );
      if (r.ok) applied.push(d.id);
    } else if (!d.escalatedAt) {
      const seq = await db.$transaction(async (tx) => {
        const { count } = await tx.decision.updateMany({
          where: { id: d.id, escalatedAt: null, status: "open" },
          data: { escalatedAt: now },
        });
        if (count !== 1) return null;
        await queueWebhooks(
          tx,
          d.projectId,
          "decision.overdue",
          hookPayload(d, { deadline: d.deadline?.toISOString() ?? null }),
        );
        return recordAudit(tx, SYSTEM_ACTOR, {
          action: "decision.overdue",
          objectType: "decision",
          objectId: d.id,
          projectId: d.projectId,
          epicId: d.epicId,
        });
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
export async function requestDecision(actor: Actor, input: z.output<typeof RequestDecisionSchema>) {
  const db = getDb();
  const run = input.runId
    ? await db.run.findUnique({
        where: { id: input.runId },
        select: { id: true, epicId: true, projectId: true },
      })
    : null;
  if (input.runId && !run) return fail("run-not-found", "No run with that id.");
  const epicId = run?.epicId ?? input.epicId;
  if (!epicId)
    return fail(
      "epic-not-found",
      "Name the epic (epic_id) or the run (run_id) the decision is about.",
    );
  const held: { announced?: OpenedDecision } = {};
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const { runId: _r, epicId: _e, ...fields } = input;
    const { decision, seq } = await insertDecision(tx, actor, {
      ...fields,
      projectId: epic.projectId,
      epicId: epic.id,
      runId: run?.id ?? null,
      requestId: `mcp:${randomUUID()}`,
      source: run ? "agent" : "manager",
    });
    held.announced = { decision, seq };
    return {
      ok: true,
      value: { decisionId: decision.id },
      audit: {
        action: "decision.ask",
        objectType: "decision",
        objectId: decision.id,
        projectId: epic.projectId,
        epicId: epic.id,
      },
    };
  });
  if (result.ok && held.announced) {
    await announceDecision(held.announced.decision, held.announced.seq, actor.label);
    if (run) pokeRun(run.id);
  }
  return result;
}

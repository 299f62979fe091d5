import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { projectRules } from "@/lib/db/permission-rules";
import { approvalOptions } from "@/lib/domain/decisions";
import { decideToolUse, ruleScopeLabel, suggestRule } from "@/lib/domain/permission-rules";
import { describeToolUse } from "@/lib/runners/claude-stream";
import type { RunnerEvent } from "@/lib/runners/events";
import { announceDecision } from "@/lib/services/decision-store";
import type { LiveRun } from "./live-run";

type ApprovalRequest = Extract<RunnerEvent, { kind: "approval_request" }>;

/**
 * An agent asks to use a tool. The project's permission rules answer first (deny over ask over
 * allow, as in Claude Code); only what they leave open becomes a card for a person.
 */
export async function approvalRequested(live: LiveRun, e: ApprovalRequest): Promise<void> {
  const rules = await projectRules(getDb(), live.run.projectId).catch(() => []);
  const verdict = decideToolUse(
    rules,
    { phase: live.run.phase, epicId: live.run.epicId },
    e.toolName,
    e.input,
    live.cwd,
  );
  const input = (e.input ?? null) as Prisma.InputJsonValue;
  const action = describeToolUse(e.toolName, e.input);
  if (
    verdict.rule &&
    verdict.behavior !== "ask" &&
    live.handle &&
    live.pendingApprovals.has(e.requestId)
  ) {
    const by = `Rule ${verdict.rule.rule} (${verdict.behavior}, ${ruleScopeLabel(verdict.rule)})`;
    const reply =
      verdict.behavior === "allow"
        ? { behavior: "allow" as const, updatedInput: e.input }
        : {
            behavior: "deny" as const,
            message: `Hiveboard's permission rule ${verdict.rule.rule} denies this.`,
          };
    live.record("approval_request", {
      requestId: e.requestId,
      toolName: e.toolName,
      input,
      description: e.description,
    });
    if (live.handle.answer(e.requestId, reply)) {
      live.pendingApprovals.delete(e.requestId);
      live.record("approval_answer", {
        requestId: e.requestId,
        behavior: verdict.behavior,
        message: reply.behavior === "deny" ? reply.message : null,
        by,
        rule: verdict.rule.rule,
      });
      return;
    }
  }
  if (!live.pendingApprovals.has(e.requestId)) return; // withdrawn while the rules were read
  live.settleStatus();
  live.figures.currentAction = `Waiting for a decision: allow ${action.replace(/^\w/, (c) => c.toLowerCase())}?`;
  const rule = suggestRule(e.toolName, e.input);
  live.record(
    "approval_request",
    {
      requestId: e.requestId,
      toolName: e.toolName,
      input,
      description: e.description,
      suggestedRule: rule,
    },
    {
      decision: {
        source: "tool_approval",
        requestId: e.requestId,
        title: `Allow ${action.replace(/^\w/, (c) => c.toLowerCase())}?`,
        context: `The agent asks to use **${e.toolName}**${e.description ? `: ${e.description}` : ""}.\n\n\`\`\`json\n${JSON.stringify(e.input, null, 2)}\n\`\`\``,
        options: approvalOptions(rule),
        impact:
          e.toolName === "Bash"
            ? live.inWorktree
              ? "Runs a command in the epic's worktree (its own branch of the repository)."
              : "Runs a command in the epic's scratch folder (the project has no git repository here)."
            : "Lets the agent act with this tool.",
        urgency: "high",
        answerRole: live.approvalRole,
      },
    },
  );
}

/**
 * Decisions of a run that nobody should answer any more (the run was interrupted, stopped or
 * ended; the agent withdrew its request): marked withdrawn, saying why, in one conditional update —
 * an answer racing in either wins before or finds it withdrawn.
 */
export async function withdrawDecisions(
  run: { id: string; projectId: string; epicId: string },
  reason: string,
  only?: { requestIds: string[] } | { askedBy: { seq: number; at: Date } },
): Promise<number> {
  const db = getDb();
  // Only what was asked before the moment that made it moot: the agent may ask again at once
  // (after an interrupt it starts over), and its new question must stay open.
  const scope: Prisma.DecisionWhereInput = !only
    ? {}
    : "requestIds" in only
      ? { requestId: { in: only.requestIds } }
      : {
          OR: [
            { runEventSeq: { lte: only.askedBy.seq } },
            { runEventSeq: null, createdAt: { lte: only.askedBy.at } },
          ],
        };
  const where: Prisma.DecisionWhereInput = {
    runId: run.id,
    status: "open",
    source: { in: ["tool_approval", "agent"] },
    ...scope,
  };
  const open = await db.decision.findMany({
    where,
    select: { id: true, title: true, projectId: true, epicId: true, status: true },
  });
  if (!open.length) return 0;
  const seq = await db.$transaction(async (tx) => {
    const { count } = await tx.decision.updateMany({
      where: { ...where, id: { in: open.map((d) => d.id) } },
      data: { status: "withdrawn", answerComment: reason },
    });
    if (!count) return null;
    return recordAudit(tx, SYSTEM_ACTOR, {
      action: "decision.withdraw",
      objectType: "run",
      objectId: run.id,
      projectId: run.projectId,
      epicId: run.epicId,
      data: { count, reason },
    });
  });
  if (seq === null) return 0;
  for (const d of open) await announceDecision({ ...d, status: "withdrawn" }, seq, "Hiveboard");
  return open.length;
}

/** Everything the agent waits on from people is withdrawn (an interrupt, a stop): the run goes on, or ends, without it. */
export async function withdrawWaits(live: LiveRun, reason: string): Promise<void> {
  const askedBy = { seq: live.seq, at: new Date() };
  const requestIds = [...live.pendingApprovals.keys()];
  live.pendingApprovals.clear();
  live.openAgentDecisions = 0;
  for (const requestId of requestIds) live.record("approval_withdrawn", { requestId, reason });
  live.settleStatus();
  await live.flush();
  await withdrawDecisions(live.run, reason, { askedBy });
}

/** The agent itself withdrew a permission prompt (Claude Code's control_cancel_request). */
export async function approvalCancelled(live: LiveRun, requestId: string): Promise<void> {
  if (!live.pendingApprovals.delete(requestId)) return;
  const reason = "The agent withdrew this request.";
  live.record("approval_withdrawn", { requestId, reason });
  live.settleStatus();
  await live.flush();
  await withdrawDecisions(live.run, reason, { requestIds: [requestId] });
}

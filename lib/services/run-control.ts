import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { realtimeBus } from "@/lib/realtime/publish";
import { acceptFeedback, applyDecisionToRun, liveRuns, noteMcpAnswer, noteMcpQuestion, stopRun, type DecisionAnswer } from "./run-supervisor";

// Several nodes (REDIS_URL): a person may steer a run from any node, but only the node holding the
// agent can act. What cannot be done here is sent to every node (Socket.IO's serverSideEmit through
// Redis, wired in server.ts and the worker); the one holding the run applies it.

type Answer = Omit<DecisionAnswer, "openedAt"> & { openedAt: string };
export type ControlMessage =
  | { op: "feedback"; runId: string; feedback: { id: string; message: string; mode: string; author: string } }
  | { op: "stop"; runId: string; hard: boolean }
  | { op: "decision"; runId: string; answer: Answer }
  | { op: "mcp-question"; runId: string; decisionId: string; title: string }
  | { op: "mcp-answer"; runId: string; answer: Omit<Answer, "requestId"> };

/** Sends a control message to the other nodes; false when there are none (no Redis). */
export function forwardControl(message: ControlMessage): boolean {
  if (!env().REDIS_URL) return false;
  realtimeBus.emit("cluster:control", message);
  return true;
}

/** A control message from another node: applied when this node holds the run, ignored otherwise. */
export function applyControl(m: ControlMessage): void {
  if (!liveRuns.has(m.runId)) return;
  switch (m.op) {
    case "feedback":
      acceptFeedback(m.runId, m.feedback);
      return;
    case "stop":
      stopRun(m.runId, "user", m.hard);
      return;
    case "decision":
      applyDecisionToRun(m.runId, { ...m.answer, openedAt: new Date(m.answer.openedAt) });
      return;
    case "mcp-question":
      noteMcpQuestion(m.runId, m.decisionId, m.title);
      return;
    case "mcp-answer":
      noteMcpAnswer(m.runId, { ...m.answer, openedAt: new Date(m.answer.openedAt) });
  }
}

export function applyDecisionAnywhere(runId: string, answer: DecisionAnswer): void {
  if (liveRuns.has(runId)) applyDecisionToRun(runId, answer);
  else forwardControl({ op: "decision", runId, answer: { ...answer, openedAt: answer.openedAt.toISOString() } });
}

export function noteMcpQuestionAnywhere(runId: string, decisionId: string, title: string): void {
  if (liveRuns.has(runId)) noteMcpQuestion(runId, decisionId, title);
  else forwardControl({ op: "mcp-question", runId, decisionId, title });
}

export function noteMcpAnswerAnywhere(runId: string, answer: Omit<DecisionAnswer, "requestId">): void {
  if (liveRuns.has(runId)) noteMcpAnswer(runId, answer);
  else forwardControl({ op: "mcp-answer", runId, answer: { ...answer, openedAt: answer.openedAt.toISOString() } });
}

/**
 * The safety net under the messages: what the database says a run this node holds should have got
 * — a stop or kill, queued feedback, answered decisions it waits on — is applied now if a message was lost (a Redis
 * blip, a node restart between answer and delivery). Applying is idempotent, so a message that did
 * arrive is not acted on twice. Runs every couple of seconds on nodes that execute runs.
 */
export async function reconcileControl(): Promise<number> {
  const ids = [...liveRuns.keys()];
  if (!ids.length) return 0;
  const db = getDb();
  let applied = 0;
  const stops = await db.run.findMany({ where: { id: { in: ids }, stopRequested: { not: null } }, select: { id: true, stopRequested: true } });
  for (const r of stops) {
    const live = liveRuns.get(r.id);
    if (!live || live.stoppedBy) continue;
    stopRun(r.id, "user", r.stopRequested === "kill");
    applied++;
  }
  const queued = await db.feedback.findMany({ where: { runId: { in: ids }, status: "queued" }, orderBy: { createdAt: "asc" } });
  for (const f of queued) {
    const live = liveRuns.get(f.runId);
    if (!live?.handle || live.sentFeedback.has(f.id)) continue;
    if (acceptFeedback(f.runId, { id: f.id, message: f.message, mode: f.mode, author: f.authorLabel })) applied++;
  }
  const answered = await db.decision.findMany({ where: { runId: { in: ids }, status: { in: ["answered", "auto_applied"] }, source: { in: ["tool_approval", "agent"] } } });
  for (const d of answered) {
    const live = liveRuns.get(d.runId!);
    if (!live || live.appliedDecisions.has(d.id)) continue;
    const waiting = d.requestId && !d.requestId.startsWith("mcp:") ? live.pendingApprovals.has(d.requestId) : d.createdAt >= live.since;
    if (!waiting) continue;
    const label = (d.options as { key: string; label: string }[]).find((o) => o.key === d.answerOption)?.label ?? d.answerOption ?? "";
    const answer = { id: d.id, title: d.title, option: d.answerOption ?? "", label, comment: d.answerComment ?? "", by: d.answeredByLabel ?? "someone", openedAt: d.createdAt };
    if (d.requestId?.startsWith("mcp:")) noteMcpAnswer(d.runId!, answer);
    else applyDecisionToRun(d.runId!, { ...answer, requestId: d.requestId });
    applied++;
  }
  return applied;
}

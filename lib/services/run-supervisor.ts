import "server-only";
import { getDb } from "@/lib/db/client";
import { maxSeq, toRunSummary } from "@/lib/db/runs";
import { patternBrief, promptVars, renderPrompt } from "@/lib/domain/prompt";
import { startRunner } from "@/lib/runners";
import type { RunnerName } from "@/lib/runners/types";
import { liveRuns } from "./live-runs";
import { finishRun } from "./run-finish";
import { agentActor, handoffFor, remoteOf, runKey } from "./run-launch-context";
import { LiveRun } from "./run-live";
import { leaseFromNow, NODE_ID } from "./run-node-id";
import { ensureWorkspace } from "./worktrees";

export { liveRuns } from "./live-runs";
export { LEASE_MS, leaseFromNow, NODE_ID } from "./run-node-id";

const STOP_GRACE_MS = 5000;

// A stop asked for before the agent's process exists is applied as soon as it does.
const g = globalThis as unknown as { __hiveboardStops?: Map<string, "user" | "timeout" | "max-turns"> };
const requestedStops = (g.__hiveboardStops ??= new Map());

/**
 * Starts the agent of a queued run (or resumes a run whose process died) and owns it until it
 * exits. The request that asked for it has long returned by then.
 */
export async function launchRun(runId: string, opts: { prompt?: string; resumeSessionId?: string | null; note?: string } = {}): Promise<void> {
  const db = getDb();
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { epic: { include: { todos: { orderBy: { position: "asc" } } } }, project: true } });
  const phase = await db.phase.findFirst({ where: { pipeline: { projectId: run.projectId }, key: run.phase } });
  const live = new LiveRun(
    { id: run.id, epicId: run.epicId, projectId: run.projectId, phase: run.phase, maxTurns: run.maxTurns, timeoutSec: run.timeoutSec },
    toRunSummary({ ...run, status: "running" }),
    await maxSeq(db, run.id),
    { status: "running", turns: run.turns, currentAction: "Starting the agent", costUsd: run.costUsd, inputTokens: run.inputTokens, outputTokens: run.outputTokens, sessionId: run.sessionId, resultSummary: run.resultSummary },
    agentActor(run.phase),
    () => stopRun(run.id, "max-turns"),
  );
  live.costBase = run.costUsd;
  liveRuns.set(run.id, live);
  if (requestedStops.has(run.id) || run.stopRequested) {
    live.stoppedBy = requestedStops.get(run.id) ?? "user";
    requestedStops.delete(run.id);
    return finishRun(run.id, { code: null, signal: null });
  }

  let workspace: Awaited<ReturnType<typeof ensureWorkspace>>;
  try {
    workspace = await ensureWorkspace(run.project, run.epic);
    await db.epic.update({ where: { id: run.epicId }, data: { worktreePath: workspace.cwd, branch: workspace.branch } });
  } catch (error) {
    live.startError = `Could not prepare the epic's workspace: ${error instanceof Error ? error.message : String(error)}`;
    live.record("error", { message: live.startError });
    return finishRun(run.id, { code: null, signal: null });
  }
  const epic = run.epic;
  // The prompt it was started with (a follow-up's message), else the phase's template.
  const given = opts.prompt ?? run.prompt ?? undefined;
  const rendered =
    given ??
    renderPrompt(phase?.promptTemplate || "Work on {feature_name}.\n\n{description}\n\nKey requirements:\n{key_requirements}", {
      ...promptVars({ ...epic, keyRequirements: (epic.keyRequirements as string[]) ?? [], todos: epic.todos, handoff: await handoffFor(epic.id, run.id) }),
    });
  const picked = given ? [] : await db.patternUse.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" }, select: { pattern: true } });
  const prompt = [rendered, patternBrief(picked.map((u) => u.pattern))].filter(Boolean).join("\n\n");
  const resume = opts.resumeSessionId !== undefined ? opts.resumeSessionId : run.resumeFrom;
  await db.run.update({ where: { id: run.id }, data: { status: "running", startedAt: run.startedAt ?? new Date(), branch: workspace.branch, ownerId: NODE_ID, leaseUntil: leaseFromNow() } });
  live.record("status", { status: "running", runner: run.runner, cwd: workspace.cwd, branch: workspace.branch, resumedSession: resume, note: opts.note ?? null });
  live.record("prompt", { text: prompt });

  try {
    live.handle = startRunner(
      run.runner as RunnerName,
      { runId: run.id, cwd: workspace.cwd, prompt, maxTurns: run.maxTurns, resumeSessionId: resume, command: phase?.command, holdOpen: () => live.openAgentDecisions > 0, mcp: await runKey(run), remote: remoteOf(run) },
      (e) => live.intake(e),
    );
  } catch (error) {
    live.startError = error instanceof Error ? error.message : String(error);
    live.record("error", { message: live.startError });
    return finishRun(run.id, { code: null, signal: null });
  }
  if (requestedStops.has(run.id)) {
    requestedStops.delete(run.id);
    stopRun(run.id, live.stoppedBy ?? "user", true);
  }
  // Feedback sent while the run was queued goes in now; a follow-up's prompt awaits its first turn.
  const waiting = await db.feedback.findMany({ where: { runId: run.id, status: { in: ["queued", "delivered"] } }, orderBy: { createdAt: "asc" } });
  for (const f of waiting) {
    if (f.status === "delivered") live.awaitingAck.push(f.id);
    else deliverFeedback(run.id, f.id, f.message, f.mode === "interrupt");
  }

  const timer = setTimeout(() => stopRun(run.id, "timeout"), run.timeoutSec * 1000);
  timer.unref();
  const exit = await live.handle.exited;
  clearTimeout(timer);
  await finishRun(run.id, exit);
}

/** A message for a run this node holds: shown as queued, then written to the agent. False when the run is not here. */
export function acceptFeedback(runId: string, f: { id: string; message: string; mode: string; author: string }): boolean {
  const live = liveRuns.get(runId);
  if (!live) return false;
  if (live.sentFeedback.has(f.id)) return true;
  live.record("feedback", { feedbackId: f.id, status: "queued", message: f.message, mode: f.mode, author: f.author });
  if (live.handle) deliverFeedback(runId, f.id, f.message, f.mode === "interrupt");
  return true;
}

export function deliverFeedback(runId: string, feedbackId: string, message: string, interruptFirst: boolean): boolean {
  const live = liveRuns.get(runId);
  if (!live?.handle) return false;
  if (live.sentFeedback.has(feedbackId)) return true;
  live.sentFeedback.add(feedbackId);
  if (interruptFirst) live.handle.interrupt();
  if (live.handle.send(feedbackId, message, { afterInterrupt: interruptFirst })) return true;
  live.record("feedback", { feedbackId, status: "failed", error: "The agent is no longer taking messages." }, { feedback: { id: feedbackId, status: "failed", error: "The agent is no longer taking messages." } });
  return false;
}

/** Stop asks the agent to halt (interrupt), then kills it if it lingers; kill is immediate. */
export function stopRun(runId: string, by: "user" | "timeout" | "max-turns", hard = by !== "user"): boolean {
  const live = liveRuns.get(runId);
  if (!live?.handle) {
    if (live) live.stoppedBy ??= by;
    requestedStops.set(runId, by);
    return true;
  }
  live.stoppedBy ??= by;
  const handle = live.handle;
  if (!hard && handle.interrupt()) {
    setTimeout(() => liveRuns.has(runId) && handle.kill(), STOP_GRACE_MS).unref();
  } else {
    handle.kill();
  }
  return true;
}

export function answerApproval(runId: string, requestId: string, answer: { behavior: "allow" } | { behavior: "deny"; message: string }, by: string): boolean {
  const live = liveRuns.get(runId);
  if (!live?.handle || !live.pendingApprovals.has(requestId)) return false;
  const reply = answer.behavior === "allow" ? { behavior: "allow" as const, updatedInput: live.pendingApprovals.get(requestId) } : answer;
  if (!live.handle.answer(requestId, reply)) return false;
  live.pendingApprovals.delete(requestId);
  if (live.pendingApprovals.size === 0) live.setStatus("running");
  live.record("approval_answer", { requestId, behavior: answer.behavior, message: answer.behavior === "deny" ? answer.message : null, by });
  return true;
}

export type DecisionAnswer = { id: string; title: string; requestId: string | null; option: string; label: string; comment: string; by: string; openedAt: Date };

/**
 * An answered decision goes back into the run that waits on it: a tool approval as the
 * control_response the agent waits for (Deny carries the comment as the reason), a decision the
 * agent asked for in text as its next message. Both, and the time waited, are events of the run.
 */
export function applyDecisionToRun(runId: string, answer: DecisionAnswer): boolean {
  const live = liveRuns.get(runId);
  if (!live?.handle || live.appliedDecisions.has(answer.id)) return false;
  live.appliedDecisions.add(answer.id);
  let delivered: boolean;
  if (answer.requestId) {
    const reply = answer.option === "allow" ? { behavior: "allow" as const } : { behavior: "deny" as const, message: answer.comment || `Denied by ${answer.by}` };
    delivered = answerApproval(runId, answer.requestId, reply, answer.by);
  } else {
    const text = `Decision on "${answer.title}": ${answer.label} (${answer.option}), decided by ${answer.by}.${answer.comment ? ` Comment: ${answer.comment}` : ""} Continue accordingly.`;
    delivered = live.handle.send(`decision-${answer.id}`, text, { receipt: false });
    if (delivered) {
      live.openAgentDecisions = Math.max(0, live.openAgentDecisions - 1);
      if (live.openAgentDecisions === 0 && live.pendingApprovals.size === 0) live.setStatus("running");
    }
  }
  live.record("decision_answered", { decisionId: answer.id, title: answer.title, option: answer.option, label: answer.label, comment: answer.comment || null, by: answer.by, waitedMs: Date.now() - answer.openedAt.getTime(), delivered });
  return delivered;
}

/** The run's agent asked a person over MCP: the run shows as waiting until the answer. */
export function noteMcpQuestion(runId: string, decisionId: string, title: string) {
  const live = liveRuns.get(runId);
  if (!live) return;
  live.openAgentDecisions += 1;
  live.setStatus("waiting");
  live.record("decision_requested", { decisionId, title, via: "mcp" });
}

export function noteMcpAnswer(runId: string, answer: Omit<DecisionAnswer, "requestId">) {
  const live = liveRuns.get(runId);
  if (!live || live.appliedDecisions.has(answer.id)) return;
  live.appliedDecisions.add(answer.id);
  live.openAgentDecisions = Math.max(0, live.openAgentDecisions - 1);
  if (live.openAgentDecisions === 0 && live.pendingApprovals.size === 0) live.setStatus("running");
  live.record("decision_answered", { decisionId: answer.id, title: answer.title, option: answer.option, label: answer.label, comment: answer.comment || null, by: answer.by, waitedMs: Date.now() - answer.openedAt.getTime(), delivered: true });
}

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { generateKey } from "@/lib/auth/api-keys";
import { openSecret } from "@/lib/auth/secret-box";
import { recordAudit } from "@/lib/db/audit";
import { internalUrl } from "@/lib/env";
import { getDb } from "@/lib/db/client";
import { retryDb } from "@/lib/db/retry";
import { getCard } from "@/lib/db/epics";
import { pipelinePhases } from "@/lib/db/projects";
import { maxSeq, toRunSummary } from "@/lib/db/runs";
import { phaseAfter } from "@/lib/domain/phases";
import { evaluateRunGate, advanceAutomatically, askGateApproval } from "./run-gates";
import { patternBrief, promptVars, renderPrompt } from "@/lib/domain/prompt";
import { runOutcome, type RunStatus } from "@/lib/domain/run-status";
import { startRunner } from "@/lib/runners";
import type { RunnerName } from "@/lib/runners/types";
import { publishBoardChange, publishDecisionChange, publishRunUpdate } from "@/lib/realtime/publish";
import { LiveRun } from "./run-live";
import { ensureWorkspace } from "./worktrees";

import { leaseFromNow, NODE_ID } from "./run-node-id";
export { LEASE_MS, leaseFromNow, NODE_ID } from "./run-node-id";

const STOP_GRACE_MS = 5000;

const g = globalThis as unknown as { __hiveboardRuns?: Map<string, LiveRun> };
/** Live runs of this process; shared by server.ts and Next's bundle through globalThis. */
export const liveRuns: Map<string, LiveRun> = (g.__hiveboardRuns ??= new Map());

// A stop asked for before the agent's process exists is applied as soon as it does.
const requestedStops: Map<string, "user" | "timeout" | "max-turns"> = ((g as { __hiveboardStops?: Map<string, "user" | "timeout" | "max-turns"> }).__hiveboardStops ??= new Map());

const agentActor = (phase: string): Actor => ({ type: "system", id: null, label: `Agent (${phase})`, role: "developer" });

/** What the next phase receives: earlier phases' results, decisions taken, open todos. */
async function handoffFor(epicId: string, beforeRunId: string): Promise<string> {
  const db = getDb();
  const [runs, decisions, todos, uses] = await Promise.all([
    db.run.findMany({ where: { epicId, status: "completed", id: { not: beforeRunId } }, orderBy: { createdAt: "asc" }, select: { phase: true, resultSummary: true } }),
    db.decision.findMany({ where: { epicId, status: { in: ["answered", "auto_applied"] } }, orderBy: { answeredAt: "asc" }, select: { title: true, answerOption: true, options: true, answerComment: true } }),
    db.todo.findMany({ where: { epicId, status: { not: "completed" } }, orderBy: { position: "asc" }, select: { content: true } }),
    db.patternUse.findMany({ where: { epicId, OR: [{ runId: null }, { runId: { not: beforeRunId } }] }, select: { pattern: { select: { name: true, whenToUse: true } } } }),
  ]);
  const parts: string[] = [];
  if (runs.length) parts.push(`Earlier phases:\n${runs.map((r) => `- ${r.phase}: ${r.resultSummary ?? "completed"}`).join("\n")}`);
  if (decisions.length) {
    parts.push(`Decisions taken:\n${decisions.map((d) => `- ${d.title} → ${(d.options as { key: string; label: string }[]).find((o) => o.key === d.answerOption)?.label ?? d.answerOption}${d.answerComment ? ` (${d.answerComment})` : ""}`).join("\n")}`);
  }
  const patterns = [...new Map(uses.map((u) => [u.pattern.name, u.pattern])).values()];
  if (patterns.length) parts.push(`Patterns used so far:\n${patterns.map((p) => `- ${p.name}${p.whenToUse ? ` (${p.whenToUse.split("\n")[0]})` : ""}`).join("\n")}`);
  if (todos.length) parts.push(`Open todos:\n${todos.map((t) => `- ${t.content}`).join("\n")}`);
  return parts.join("\n\n");
}

/** The project's Automagik server for the automagik runner; a key that no longer opens is an error. */
function remoteOf(run: { runner: string; workflow: string; timeoutSec: number; project: { automagikUrl: string | null; automagikKey: string | null }; epic: { title: string } }) {
  if (run.runner !== "automagik" || !run.project.automagikUrl) return null;
  const apiKey = run.project.automagikKey ? openSecret(run.project.automagikKey) : "";
  if (apiKey === null) throw new Error("The stored Automagik API key cannot be read (the server secret changed): enter it again in the project's settings.");
  return { baseUrl: run.project.automagikUrl, apiKey, workflow: run.workflow, timeoutSec: run.timeoutSec, sessionName: run.epic.title };
}

/** A key for this run's agent on our MCP server: it reaches this run only, and expires with it. */
async function runKey(run: { id: string; phase: string; timeoutSec: number }) {
  const k = generateKey();
  await getDb().apiKey.create({ data: { name: `Agent (${run.phase})`, role: "developer", prefix: k.prefix, hash: k.hash, runId: run.id, expiresAt: new Date(Date.now() + (run.timeoutSec + 600) * 1000) } });
  return { url: `${internalUrl()}/api/mcp`, key: k.key };
}

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

/** Records how the run ended, moves the epic on when it succeeded, and lets go of the run. */
async function finishRun(runId: string, exit: { code: number | null; signal: NodeJS.Signals | null }) {
  const live = liveRuns.get(runId);
  if (!live) return;
  // Another node holds the run now (this one lost its lease): nothing here is the run's any more.
  const lost = () => {
    if (live.leaseLost) liveRuns.delete(runId);
    return live.leaseLost;
  };
  if (lost()) return;
  if (live.handedOver) return releaseRun(runId, live);
  // The database may be restarting: the end waits for it (each write below retries until it is back).
  await live.flush();
  const outcome = runOutcome({ result: live.lastResult, exit, stoppedBy: live.stoppedBy, maxTurns: live.run.maxTurns, timeoutSec: live.run.timeoutSec, startError: live.startError });
  // The run turns terminal only in the transaction below, together with its epic's move: nobody
  // sees a finished run whose card has not moved yet.
  live.figures.currentAction = null;
  for (const id of live.awaitingAck.splice(0)) {
    live.record("feedback", { feedbackId: id, status: "failed", error: "The run ended before the agent acted on it." }, { feedback: { id, status: "failed", error: "The run ended before the agent acted on it." } });
  }
  live.record("status", { status: outcome.status, error: outcome.error, exitCode: exit.code, signal: exit.signal });
  await live.flush();

  const db = getDb();
  const gate = await retryDb(`run ${runId}: its gate`, () => evaluateRunGate(live.run, outcome));
  live.record("gate", gate);
  await live.flush();
  if (lost()) return;
  const ended = await retryDb(`run ${runId}: its end`, () => db.$transaction(async (tx) => {
    const epic = await tx.epic.findUniqueOrThrow({ where: { id: live.run.epicId } });
    const phases = (await pipelinePhases(tx, live.run.projectId)).map((p) => p.key);
    // A follow-up of an earlier phase does not move the card; the gate decides for the rest.
    const inPhase = epic.phase === live.run.phase;
    const next = gate.passed && inPhase ? phaseAfter(phases, epic.phase) : null;
    const askApproval = gate.pending && inPhase;
    await tx.epic.update({
      where: { id: epic.id },
      data: {
        status: next === "DONE" ? "done" : askApproval ? "waiting" : outcome.status === "failed" || outcome.status === "timed_out" ? "failed" : "idle",
        lastGate: { ...gate, phase: live.run.phase, runId, at: new Date().toISOString() },
        ...(next ? { phase: next } : {}),
      },
    });
    await tx.feedback.updateMany({ where: { runId, status: "queued" }, data: { status: "failed", error: "The run ended before this message could be delivered." } });
    // Nobody can act on the answer any more: the run's open decisions are cancelled, saying why.
    const cancelled = await tx.decision.findMany({ where: { runId, status: "open" }, select: { id: true, title: true, projectId: true, epicId: true } });
    await tx.decision.updateMany({ where: { runId, status: "open" }, data: { status: "cancelled", answerComment: `The run ended (${outcome.status}) before an answer.` } });
    // Only while this node holds the run: if another took it over meanwhile, nothing here is written.
    const row = await tx.run.update({ where: { id: runId, ownerId: NODE_ID }, data: { status: outcome.status, error: outcome.error, endedAt: new Date(), currentAction: null, ownerId: null, lastSeq: live.seq } });
    // The run's own key dies with the run.
    await tx.apiKey.updateMany({ where: { runId, revokedAt: null }, data: { revokedAt: new Date() } });
    const seq = await recordAudit(tx, live.agentActor, {
      action: `run.${outcome.status}`,
      objectType: "run",
      objectId: runId,
      projectId: live.run.projectId,
      epicId: live.run.epicId,
      data: { phase: live.run.phase, error: outcome.error, movedTo: next, gate: gate.passed ? "passed" : gate.pending ? "pending" : "failed" },
    });
    return { seq, row, cancelled, next, askApproval };
  })).catch((error) => {
    if ((error as { code?: string }).code !== "P2025") throw error;
    live.loseLease();
    return null;
  });
  if (!ended) return void liveRuns.delete(runId);
  const { seq, row, cancelled, next, askApproval } = ended;
  liveRuns.delete(runId);
  if (askApproval) await askGateApproval(live.run, phaseAfter((await pipelinePhases(db, live.run.projectId)).map((p) => p.key), live.run.phase));
  if (next && next !== "DONE" && gate.autoAdvance) await advanceAutomatically(live.run.epicId);
  for (const d of cancelled) publishDecisionChange({ v: 1, decisionId: d.id, projectId: d.projectId, status: "cancelled", title: d.title });
  publishRunUpdate({ v: 1, run: toRunSummary(row) });
  publishBoardChange({ v: 1, seq, projectId: live.run.projectId, type: "epic:updated", epicId: live.run.epicId, card: await getCard(db, live.run.epicId), actor: live.agentActor.label });
}

/** A handed-over run stays running, ownerless: the next node to sweep claims it and resumes its session. */
async function releaseRun(runId: string, live: LiveRun) {
  live.figures.currentAction = "Moving to another node";
  live.record("status", { status: "running", note: "This node is shutting down: another node continues the run" });
  await live.flush();
  await retryDb(`run ${runId}: handing it over`, () =>
    getDb().$transaction([
      getDb().run.updateMany({ where: { id: runId, ownerId: NODE_ID }, data: { ownerId: null, leaseUntil: null, lastSeq: live.seq } }),
      getDb().apiKey.updateMany({ where: { runId, revokedAt: null }, data: { revokedAt: new Date() } }),
    ]),
  );
  liveRuns.delete(runId);
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

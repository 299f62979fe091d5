import "server-only";
import { ALWAYS_ALLOW } from "@/lib/domain/decisions";
import { withdrawWaits } from "./approvals";
import { liveRuns } from "./live-runs";
import type { LiveRun } from "./live-run";

// The one place a live run is changed by a command. Every command a person (or a key, or another
// node's sweep) gives a run arrives here as one typed value, read from the database (mailbox.ts),
// and is applied once: each kind remembers what it applied, so a poke that arrives twice is a no-op.

export type StopCause = "user" | "timeout" | "max-turns";

export type RunCommand =
  | {
      kind: "feedback";
      feedbackId: string;
      message: string;
      mode: "send" | "interrupt";
      author: string;
    }
  | {
      kind: "answer";
      decisionId: string;
      title: string;
      /** The tool-approval request it answers; null for a question the agent asked in its text; `mcp:…` over MCP. */
      requestId: string | null;
      option: string;
      label: string;
      comment: string;
      by: string;
      openedAt: Date;
    }
  | { kind: "question"; decisionId: string; title: string }
  | { kind: "stop"; hard: boolean; cause: StopCause };

const STOP_GRACE_MS = 5000;

export async function applyCommand(live: LiveRun, command: RunCommand): Promise<boolean> {
  switch (command.kind) {
    case "feedback":
      return deliverFeedback(live, command);
    case "answer":
      return applyAnswer(live, command);
    case "question":
      return noteQuestion(live, command);
    case "stop":
      return stop(live, command.cause, command.hard);
  }
}

/** A message for the agent: shown as queued, then written to it (after interrupting its step, for "interrupt and send"). */
async function deliverFeedback(
  live: LiveRun,
  f: Extract<RunCommand, { kind: "feedback" }>,
): Promise<boolean> {
  if (!live.handle || live.sentFeedback.has(f.feedbackId)) return false;
  live.sentFeedback.add(f.feedbackId);
  live.record("feedback", {
    feedbackId: f.feedbackId,
    status: "queued",
    message: f.message,
    mode: f.mode,
    author: f.author,
  });
  // Interrupt and message go out together: the agent's end of the interrupted query must find the
  // message already written, or the host would take that result for the run's end.
  const interrupting = f.mode === "interrupt" && live.handle.interrupt();
  const sent = live.handle.send(f.feedbackId, f.message);
  // The step it was in is abandoned, and with it what it waited on: cards say so at once.
  if (interrupting)
    await withdrawWaits(live, `Withdrawn: ${f.author} interrupted the run to say something else.`);
  if (sent) return true;
  const error = "The agent is no longer taking messages.";
  live.record(
    "feedback",
    { feedbackId: f.feedbackId, status: "failed", error },
    { feedback: { id: f.feedbackId, status: "failed", error } },
  );
  return false;
}

/**
 * An answered decision goes back into the run that waits on it: a tool approval as the
 * control_response the agent waits for (Deny carries the comment as the reason), a question the
 * agent asked in text as its next message, one asked over MCP as that tool call's result (the run
 * just stops waiting). Each is an event of the run, with the time it waited.
 */
function applyAnswer(live: LiveRun, a: Extract<RunCommand, { kind: "answer" }>): boolean {
  if (!live.handle || live.appliedDecisions.has(a.decisionId)) return false;
  let delivered: boolean;
  if (a.requestId?.startsWith("mcp:")) {
    live.openAgentDecisions = Math.max(0, live.openAgentDecisions - 1);
    delivered = true;
  } else if (a.requestId) {
    if (!live.pendingApprovals.has(a.requestId)) return false;
    const allow = a.option === "allow" || a.option === ALWAYS_ALLOW;
    const reply = allow
      ? { behavior: "allow" as const, updatedInput: live.pendingApprovals.get(a.requestId) }
      : { behavior: "deny" as const, message: a.comment || `Denied by ${a.by}` };
    delivered = live.handle.answer(a.requestId, reply);
    if (delivered) {
      live.pendingApprovals.delete(a.requestId);
      live.record("approval_answer", {
        requestId: a.requestId,
        behavior: reply.behavior,
        message: reply.behavior === "deny" ? reply.message : null,
        by: a.by,
      });
    }
  } else {
    const text = `Decision on "${a.title}": ${a.label} (${a.option}), decided by ${a.by}.${a.comment ? ` Comment: ${a.comment}` : ""} Continue accordingly.`;
    delivered = live.handle.send(`decision-${a.decisionId}`, text, { receipt: false });
    if (delivered) {
      live.openAgentDecisions = Math.max(0, live.openAgentDecisions - 1);
      live.answeredSinceResult = true;
    }
  }
  live.appliedDecisions.add(a.decisionId);
  live.settleStatus();
  live.record("decision_answered", {
    decisionId: a.decisionId,
    title: a.title,
    option: a.option,
    label: a.label,
    comment: a.comment || null,
    by: a.by,
    waitedMs: Date.now() - a.openedAt.getTime(),
    delivered,
  });
  return delivered;
}

/** The run's agent asked a person over MCP: the run shows as waiting until the answer. */
function noteQuestion(live: LiveRun, q: Extract<RunCommand, { kind: "question" }>): boolean {
  if (live.notedQuestions.has(q.decisionId)) return false;
  live.notedQuestions.add(q.decisionId);
  live.openAgentDecisions += 1;
  live.settleStatus();
  live.record("decision_requested", { decisionId: q.decisionId, title: q.title, via: "mcp" });
  return true;
}

/** Stop asks the agent to halt (interrupt), then kills it if it lingers; kill is immediate. Either withdraws what it waited on. */
async function stop(live: LiveRun, cause: StopCause, hard: boolean): Promise<boolean> {
  const handle = live.handle;
  if (!handle || live.stoppedBy) return false;
  live.stoppedBy = cause;
  if (!hard && handle.interrupt())
    setTimeout(() => liveRuns.has(live.run.id) && handle.kill(), STOP_GRACE_MS).unref();
  else handle.kill();
  const why =
    cause === "user"
      ? "the run was stopped by a person"
      : cause === "timeout"
        ? "the run timed out"
        : "the run went past its turn limit";
  await withdrawWaits(live, `Withdrawn: ${why}.`);
  return true;
}

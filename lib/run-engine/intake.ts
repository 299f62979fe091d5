import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { APPROVAL_OPTIONS, parseDecisionText } from "@/lib/domain/decisions";
import { patternsIn } from "@/lib/domain/patterns";
import { describeToolUse } from "@/lib/runners/claude-stream";
import type { RunnerEvent } from "@/lib/runners/events";
import type { LiveRun } from "./live-run";

// What each normalized runner event means for a live run: its figures, its status, the receipts of
// messages it was sent, and the event (with side effects: decisions, todos, metrics) to persist.

/** A run reports a figure (coverage, say) with a line `METRIC name=value` anywhere in its output. */
const METRIC_LINE = /\bMETRIC\s+([a-z][a-z0-9_]{0,39})\s*=\s*(-?\d+(?:\.\d+)?)/g;
const metricsIn = (text: string) =>
  [...text.matchAll(METRIC_LINE)].map((m) => ({ name: m[1], value: Number(m[2]) }));

export function intakeEvent(live: LiveRun, e: RunnerEvent): number | void {
  const f = live.figures;
  switch (e.kind) {
    case "init":
      f.sessionId = e.sessionId;
      return live.record(
        "init",
        { sessionId: e.sessionId, model: e.model, tools: e.tools.length },
        { sessionId: e.sessionId },
      );
    case "turn": {
      f.turns += 1;
      // Runners without receipts (automagik, command): what was delivered counts as taken in.
      const acked = live.receipts ? live.startedInputs.splice(0) : live.awaitingAck.splice(0);
      live.record("turn", { turn: f.turns, maxTurns: live.run.maxTurns });
      for (const id of acked)
        live.record(
          "feedback",
          { feedbackId: id, status: "acknowledged" },
          { feedback: { id, status: "acknowledged" } },
        );
      if (f.turns > live.run.maxTurns) live.hooks.onTurnLimit();
      return;
    }
    case "text": {
      const asked = parseDecisionText(e.text);
      const metrics = metricsIn(e.text);
      const patterns = patternsIn(e.text);
      const extra = {
        ...(metrics.length ? { metrics } : {}),
        ...(patterns.length ? { patterns } : {}),
      };
      if (!asked) return live.record("text", { text: e.text }, extra);
      live.openAgentDecisions += 1;
      live.setStatus("waiting");
      f.currentAction = `Waiting for a decision: ${asked.title}`;
      return live.record("text", { text: e.text }, { decision: { source: "agent", ...asked } });
    }
    case "thought":
      return live.record("thought", { text: e.text });
    case "tool_use":
      f.currentAction = describeToolUse(e.name, e.input);
      return live.record("tool_use", {
        id: e.id,
        name: e.name,
        input: (e.input ?? null) as Prisma.InputJsonValue,
        action: f.currentAction,
      });
    case "tool_result":
      return live.record(
        "tool_result",
        {
          toolUseId: e.toolUseId,
          content: e.content,
          isError: e.isError,
          truncated: e.truncated,
        },
        metricsIn(e.content).length ? { metrics: metricsIn(e.content) } : {},
      );
    case "todo_update":
      return live.record("todo_update", { todos: e.todos }, { todos: e.todos });
    case "approval_request":
      live.pendingApprovals.set(e.requestId, e.input);
      return live.hooks.onApprovalRequest(e);
    case "agent_info":
      return live.record("agent_info", { version: e.version, credentials: e.credentials });
    case "approval_cancelled":
      return live.hooks.onApprovalCancelled(e.requestId);
    case "input_started": {
      live.receipts = true;
      const i = live.awaitingAck.indexOf(e.inputId);
      if (i >= 0) live.startedInputs.push(...live.awaitingAck.splice(i, 1));
      return;
    }
    case "feedback_waiting":
      return live.record("feedback", { feedbackId: e.feedbackId, status: "queued", note: e.note });
    case "feedback_delivered":
      live.awaitingAck.push(e.feedbackId);
      return live.record(
        "feedback",
        { feedbackId: e.feedbackId, status: "delivered" },
        { feedback: { id: e.feedbackId, status: "delivered" } },
      );
    case "result":
      live.lastResult = {
        subtype: e.subtype,
        isError: e.isError,
        text: e.text,
        reason: e.reason ?? null,
      };
      live.answeredSinceResult = false;
      f.costUsd = live.costBase + e.costUsd;
      // The agent's own count (Claude Code's num_turns, for the whole process) is the truth.
      if (e.numTurns > 0) f.turns = Math.max(f.turns, live.turnsBase + e.numTurns);
      f.inputTokens = Math.max(f.inputTokens, e.inputTokens);
      f.outputTokens = Math.max(f.outputTokens, e.outputTokens);
      if (e.sessionId) f.sessionId = e.sessionId;
      f.resultSummary = e.text?.slice(0, 4000) ?? f.resultSummary;
      return live.record("result", {
        subtype: e.subtype,
        isError: e.isError,
        numTurns: e.numTurns,
        costUsd: e.costUsd,
        inputTokens: e.inputTokens,
        outputTokens: e.outputTokens,
        cacheCreatedTokens: e.cacheCreatedTokens ?? 0,
        cacheReadTokens: e.cacheReadTokens ?? 0,
        text: e.text,
        durationMs: e.durationMs,
      });
    case "error":
      if (!live.startError) live.startError = e.message;
      return live.record("error", { message: e.message });
    case "log":
      return live.record(
        "log",
        { stream: e.stream, line: e.line },
        metricsIn(e.line).length ? { metrics: metricsIn(e.line) } : {},
      );
  }
}

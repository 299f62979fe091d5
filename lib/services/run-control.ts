import "server-only";
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

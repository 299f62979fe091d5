// Normalized runner events: what every runner turns its agent's output into. Pure types + zod,
// so the supervisor, the realtime catalog and the run page agree on one shape.
import { z } from "zod";

export const AgentTodoSchema = z.object({
  content: z.string(),
  status: z.enum(["pending", "in_progress", "completed"]),
  activeForm: z.string().optional(),
  priority: z.enum(["high", "medium", "low"]).optional(),
  id: z.string().optional(),
});
export type AgentTodo = z.infer<typeof AgentTodoSchema>;

export type RunnerEvent =
  | { kind: "init"; sessionId: string; model: string | null; tools: string[] }
  | { kind: "turn"; turn: number; messageId: string }
  | { kind: "text"; text: string; messageId: string | null }
  /** The agent's reasoning, where it shares it (ACP thought chunks): shown folded. */
  | { kind: "thought"; text: string }
  | { kind: "tool_use"; id: string; name: string; input: unknown; messageId: string | null }
  | {
      kind: "tool_result";
      toolUseId: string;
      content: string;
      isError: boolean;
      truncated: boolean;
    }
  | { kind: "todo_update"; todos: AgentTodo[] }
  | {
      kind: "approval_request";
      requestId: string;
      toolName: string;
      input: unknown;
      description: string | null;
    }
  | { kind: "approval_cancelled"; requestId: string }
  /** The agent's answer to the initialize handshake: who it is, and whether it has credentials. */
  | { kind: "agent_info"; version: string | null; credentials: string | null }
  | { kind: "feedback_delivered"; feedbackId: string }
  /** A message the runner holds until the agent can take it (ACP: the end of its turn), and why. */
  | { kind: "feedback_waiting"; feedbackId: string; note: string }
  /** The agent took a message in (Claude Code's command_lifecycle "started", else its next turn). */
  | { kind: "input_started"; inputId: string }
  /** Protocol receipts, turned into input_started by the runner that wrote the message. */
  | { kind: "lifecycle"; uuid: string; state: string }
  | {
      kind: "result";
      subtype: string;
      isError: boolean;
      numTurns: number;
      costUsd: number;
      /** All input, cache writes and reads included. */
      inputTokens: number;
      outputTokens: number;
      /** Of inputTokens: written to and read from the prompt cache, where the agent says. */
      cacheCreatedTokens?: number;
      cacheReadTokens?: number;
      sessionId: string | null;
      text: string | null;
      durationMs: number | null;
      /** Why the agent stopped, in its own words (Claude Code's terminal_reason, errors[]). */
      reason?: string | null;
      /** The uuids of the messages this result answers (Claude Code's user_message_uuids), when it says. */
      inputUuids?: string[] | null;
    }
  | { kind: "error"; message: string }
  | { kind: "log"; stream: "stdout" | "stderr"; line: string };

export type RunnerEventKind = RunnerEvent["kind"];

// Pure: the one table of run statuses and what they mean for the epic's card.
import type { EpicStatus } from "./epic";

export const RUN_STATUSES = [
  "queued",
  "running",
  "waiting",
  "completed",
  "failed",
  "killed",
  "timed_out",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ["queued", "running", "waiting"];
export const isActiveRun = (status: string) =>
  (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);

const TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  queued: ["running", "failed", "killed"],
  running: ["waiting", "completed", "failed", "killed", "timed_out"],
  waiting: ["running", "completed", "failed", "killed", "timed_out"],
  completed: [],
  failed: [],
  killed: [],
  timed_out: [],
};

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a run may be in for it to change to `to`: a conditional update's guard. */
export const statusesLeadingTo = (to: RunStatus): RunStatus[] =>
  RUN_STATUSES.filter((from) => canTransition(from, to));

/** The badge an epic shows while or after a run of it. */
export function epicStatusFor(run: RunStatus): EpicStatus {
  switch (run) {
    case "queued":
    case "running":
      return "running";
    case "waiting":
      return "waiting";
    case "failed":
    case "timed_out":
      return "failed";
    default:
      return "idle";
  }
}

export type AgentResult = {
  subtype: string;
  isError: boolean;
  text?: string | null;
  reason?: string | null;
} | null;
export type Outcome = {
  status: Extract<RunStatus, "completed" | "failed" | "killed" | "timed_out">;
  error: string | null;
};

/**
 * How a run ended, from what the agent last reported and how its process exited. A success
 * result followed by a non-zero exit is still a failure: the agent did not end cleanly.
 */
export function runOutcome(input: {
  result: AgentResult;
  exit: { code: number | null; signal: string | null };
  stoppedBy: "user" | "timeout" | "max-turns" | null;
  maxTurns: number;
  timeoutSec: number;
  startError?: string | null;
  /** The agent still waited on a person (an open question or approval, or an answer it had not acted on). */
  waitingOnPeople?: boolean;
}): Outcome {
  const { result, exit, stoppedBy } = input;
  if (stoppedBy === "user") return { status: "killed", error: "Stopped by a person." };
  if (stoppedBy === "timeout")
    return { status: "timed_out", error: `Timed out after ${input.timeoutSec} s.` };
  if (stoppedBy === "max-turns")
    return { status: "failed", error: `Went past the limit of ${input.maxTurns} turns.` };
  if (input.startError) return { status: "failed", error: input.startError };
  const exitText = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  if (!result)
    return { status: "failed", error: `The agent ${exitText} before reporting a result.` };
  // A result while it waits on a person ends a question, not the work: the run ends on the result after the answer.
  if (input.waitingOnPeople)
    return {
      status: "failed",
      error: `The agent ${exitText} while it waited for a decision, before acting on the answer.`,
    };
  if (result.subtype === "success" && !result.isError) {
    return exit.code === 0
      ? { status: "completed", error: null }
      : { status: "failed", error: `The agent reported success but ${exitText}.` };
  }
  const reasons: Record<string, string> = {
    error_max_turns: `Reached the limit of ${input.maxTurns} turns.`,
    error_max_budget_usd: "Reached the budget limit.",
    error_during_execution: "The agent stopped with an error during execution.",
    error_exit_code: `The command ${exitText}.`,
  };
  // Claude Code ends a failed login or an API error with subtype "success" and is_error: its own
  // words (the result text, terminal_reason) say what went wrong; a hint says what fixes it.
  if (result.subtype === "success") {
    const words = [result.text, result.reason && `(${result.reason})`].filter(Boolean).join(" ");
    return {
      status: "failed",
      error: `The agent reported an error: ${words || "no details"}.${fixFor(result.text ?? "")}`,
    };
  }
  return {
    status: "failed",
    error:
      reasons[result.subtype] ??
      `The agent ended with ${result.subtype}${result.text ? `: ${result.text}` : "."}`,
  };
}

/** What a person can do about an agent error whose cause is known. */
function fixFor(text: string): string {
  if (/not logged in|\/login|invalid api key|authentication/i.test(text)) {
    return " Log in the server's `claude` (run `claude` once as the user Hiveboard runs as, then /login), or give Hiveboard's agents an ANTHROPIC_API_KEY.";
  }
  return "";
}

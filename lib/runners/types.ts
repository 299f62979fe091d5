import type { RunnerEvent } from "./events";

export type RunnerName = "claude-code" | "demo" | "command" | "automagik" | "acp";

export type RunSpec = {
  runId: string;
  cwd: string;
  prompt: string;
  /** What the prompt's receipt is called (a follow-up's feedback id); `prompt-<runId>` by default. */
  promptId?: string;
  maxTurns: number;
  model?: string | null;
  /** Continue this agent session instead of starting a new one. */
  resumeSessionId?: string | null;
  env?: Record<string, string>;
  /** Hiveboard's MCP server for this run's agent, with a key that reaches this run only. */
  mcp?: { url: string; key: string } | null;
  /** For the automagik runner: the remote server, its key, and what to run there. */
  remote?: {
    baseUrl: string;
    apiKey: string;
    workflow: string;
    timeoutSec: number;
    sessionName: string;
  } | null;
  /** Wraps the agent's command line in its sandbox (lib/runners/sandbox.ts), where there is one. */
  sandbox?: ((command: string, args: string[]) => [string, string[]]) | null;
  /** Asked when the agent reports a result: true keeps its stdin open (a decision it awaits). */
  holdOpen?: () => boolean;
};

export type ApprovalAnswer =
  { behavior: "allow"; updatedInput: unknown } | { behavior: "deny"; message: string };

/** A live agent process, as the supervisor steers it. */
export interface RunHandle {
  /** Writes a message to the agent now; false when it can no longer take one. */
  send(feedbackId: string, text: string, opts?: { receipt?: boolean }): boolean;
  answer(requestId: string, answer: ApprovalAnswer): boolean;
  interrupt(): boolean;
  kill(): void;
  /** The agent's process id (the leader of its own process group), where it is a local process. */
  pid?: number;
  /** Resolves once the process has exited and every line it printed was handled. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export type StartRunner = (spec: RunSpec, onEvent: (event: RunnerEvent) => void) => RunHandle;

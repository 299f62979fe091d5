import type { Tone } from "@/components/ui/badge";
import { AGENTS, type AgentName } from "@/lib/domain/agents";

export const RUN_STATUS_TONE: Record<string, Tone> = {
  queued: "slate",
  running: "sky",
  waiting: "amber",
  completed: "green",
  failed: "red",
  killed: "slate",
  timed_out: "red",
};
export const RUN_STATUS_LABEL: Record<string, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting for a decision",
  completed: "Completed",
  failed: "Failed",
  killed: "Stopped",
  timed_out: "Timed out",
};
export const RUNNER_LABEL: Record<string, string> = {
  demo: "Demo agent",
  "claude-code": "Claude Code",
  command: "Command",
  automagik: "Automagik",
  acp: "ACP agent",
};
/** Who did a run's work, in words: the agent (and model) it used, else its runner. */
export function workerLabel(run: { runner: string; agent: string | null; model: string | null }) {
  const agent = run.agent && run.agent in AGENTS ? AGENTS[run.agent as AgentName].label : null;
  const who = agent ?? RUNNER_LABEL[run.runner] ?? run.runner;
  return run.model ? `${who} · ${run.model}` : who;
}
export const FEEDBACK_LABEL: Record<string, string> = {
  queued: "Queued",
  delivered: "Delivered",
  acknowledged: "Acted on",
  failed: "Failed",
};

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${m}m` : m ? `${m}m ${s % 60}s` : `${s}s`;
}

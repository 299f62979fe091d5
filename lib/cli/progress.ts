// Pure: the one-line live view of a run in a terminal.

export type RunView = {
  status: string;
  turns: number;
  maxTurns: number;
  costUsd: number;
  currentAction: string | null;
};

const ENDED: Record<string, string> = {
  completed: "✔ completed",
  failed: "✘ failed",
  killed: "✘ killed",
  timed_out: "✘ timed out",
};

/** `[######------] 12/30 turns · $0.0123 · running: Writing notes` fitted to `width` columns. */
export function progressLine(run: RunView, width = 80): string {
  const barWidth = 20;
  const filled =
    run.status === "completed"
      ? barWidth
      : Math.min(barWidth, Math.round((run.turns / Math.max(1, run.maxTurns)) * barWidth));
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`;
  const state =
    ENDED[run.status] ?? (run.status === "waiting" ? "waiting for a person" : run.status);
  const line = `${bar} ${run.turns}/${run.maxTurns} turns · $${run.costUsd.toFixed(4)} · ${state}${run.currentAction && !ENDED[run.status] ? `: ${run.currentAction}` : ""}`;
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

export const isEnded = (status: string) => status in ENDED;

// Which agent suits which phase: per phase and agent (with its model), over the runs that ended —
// how many, how often the first run of the phase succeeded (not a follow-up; each try of a trial is
// a first run), and what a run cost and took on average.

export type AgentRunFacts = {
  phase: string;
  agent: string | null;
  runner: string;
  model: string | null;
  status: string;
  parentRunId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  costUsd: number;
};

export type AgentFigures = {
  phase: string;
  /** The agent's catalog name (lib/domain/agents.ts), else the runner (command, automagik). */
  agent: string;
  model: string | null;
  runs: number;
  /** Percent of first runs that completed; null when it made no first run. */
  firstTimeSuccessRate: number | null;
  avgCostUsd: number;
  avgSeconds: number | null;
};

const ENDED = new Set(["completed", "failed", "killed", "timed_out"]);

export function agentFigures(runs: AgentRunFacts[], phaseOrder: readonly string[]): AgentFigures[] {
  const groups = new Map<string, AgentRunFacts[]>();
  for (const r of runs) {
    if (!ENDED.has(r.status)) continue;
    const key = `${r.phase}\u0000${r.agent ?? r.runner}\u0000${r.model ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows = [...groups.values()].map((group): AgentFigures => {
    const first = group.filter((r) => !r.parentRunId);
    const timed = group.filter((r) => r.startedAt && r.endedAt);
    return {
      phase: group[0].phase,
      agent: group[0].agent ?? group[0].runner,
      model: group[0].model,
      runs: group.length,
      firstTimeSuccessRate: first.length
        ? Math.round((first.filter((r) => r.status === "completed").length / first.length) * 100)
        : null,
      avgCostUsd: group.reduce((s, r) => s + r.costUsd, 0) / group.length,
      avgSeconds: timed.length
        ? Math.round(
            timed.reduce((s, r) => s + (r.endedAt!.getTime() - r.startedAt!.getTime()), 0) /
              timed.length /
              1000,
          )
        : null,
    };
  });
  const rank = (phase: string) => {
    const i = phaseOrder.indexOf(phase);
    return i < 0 ? phaseOrder.length : i;
  };
  return rows.sort(
    (a, b) =>
      rank(a.phase) - rank(b.phase) ||
      a.agent.localeCompare(b.agent) ||
      (a.model ?? "").localeCompare(b.model ?? ""),
  );
}

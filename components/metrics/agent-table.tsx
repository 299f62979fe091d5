import { AGENTS, type AgentName } from "@/lib/domain/agents";
import type { AgentFigures } from "@/lib/domain/agent-metrics";

const labelOf = (agent: string) =>
  agent in AGENTS
    ? AGENTS[agent as AgentName].label
    : agent === "command"
      ? "Shell command"
      : agent;

/** Per phase and agent: how often its first run succeeded, and what a run cost and took. */
export function AgentTable({ rows }: { rows: AgentFigures[] }) {
  if (!rows.length)
    return <p className="text-sm text-slate-500">No run has ended in this range yet.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="agent-table">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1">Phase</th>
          <th>Agent</th>
          <th className="text-right">Runs</th>
          <th className="text-right">First-time success</th>
          <th className="text-right">Cost per run</th>
          <th className="text-right">Minutes per run</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 tabular-nums">
        {rows.map((r) => (
          <tr key={`${r.phase}-${r.agent}-${r.model ?? ""}`} data-agent={r.agent}>
            <td className="py-1">{r.phase}</td>
            <td>
              {labelOf(r.agent)}
              {r.model && <span className="text-slate-500"> · {r.model}</span>}
            </td>
            <td className="text-right">{r.runs}</td>
            <td className="text-right">
              {r.firstTimeSuccessRate === null ? "—" : `${r.firstTimeSuccessRate}%`}
            </td>
            <td className="text-right">${r.avgCostUsd.toFixed(4)}</td>
            <td className="text-right">
              {r.avgSeconds === null ? "—" : (r.avgSeconds / 60).toFixed(1)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

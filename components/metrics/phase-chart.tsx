"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

type Row = { phase: string; minutes: number; costUsd: number; turns: number };

/** Time and cost per phase, side by side. */
export function PhaseChart({ rows }: { rows: Row[] }) {
  if (!rows.some((r) => r.minutes > 0 || r.costUsd > 0))
    return <p className="text-sm text-slate-500">No runs in this range yet.</p>;
  return (
    <div className="h-64 w-full" data-testid="phase-chart">
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="phase" fontSize={11} />
          <YAxis yAxisId="min" fontSize={11} />
          <YAxis yAxisId="usd" orientation="right" fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar
            yAxisId="min"
            dataKey="minutes"
            name="Minutes"
            fill="#6366f1"
            isAnimationActive={false}
          />
          <Bar
            yAxisId="usd"
            dataKey="costUsd"
            name="Cost ($)"
            fill="#f59e0b"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

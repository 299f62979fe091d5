"use client";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DayFigures } from "@/lib/domain/metrics";

/** Runs, failures and cost per day. */
export function DaysChart({ days }: { days: DayFigures[] }) {
  if (!days.length) return <p className="text-sm text-slate-500">No runs in this range yet.</p>;
  return (
    <div className="h-56 w-full" data-testid="days-chart">
      <ResponsiveContainer>
        <LineChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis yAxisId="n" allowDecimals={false} fontSize={11} />
          <YAxis yAxisId="usd" orientation="right" fontSize={11} />
          <Tooltip />
          <Legend />
          <Line yAxisId="n" dataKey="runs" name="Runs" stroke="#6366f1" isAnimationActive={false} />
          <Line
            yAxisId="n"
            dataKey="failed"
            name="Failed"
            stroke="#ef4444"
            isAnimationActive={false}
          />
          <Line
            yAxisId="usd"
            dataKey="costUsd"
            name="Cost ($)"
            stroke="#f59e0b"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

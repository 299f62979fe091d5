"use client";
import { afterLoad } from "@/components/ui/after-load";

// The charts library (recharts with d3, ~110 KB gzip) loads after the page: the figures and tables
// render at once, each chart a moment later in a box of its own height (nothing moves).
const box = (height: string) => (
  <div className={`${height} w-full animate-pulse rounded bg-slate-100`} aria-hidden />
);

export const DaysChart = afterLoad(
  () => import("./days-chart").then((m) => m.DaysChart),
  box("h-56"),
);
export const PhaseChart = afterLoad(
  () => import("./phase-chart").then((m) => m.PhaseChart),
  box("h-64"),
);

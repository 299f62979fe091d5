import { describe, expect, it } from "vitest";
import { isEnded, progressLine } from "@/lib/cli/progress";

const run = {
  status: "running",
  turns: 6,
  maxTurns: 30,
  costUsd: 0.01234,
  currentAction: "Writing notes",
};

describe("the CLI's progress line", () => {
  it("fills the bar by turns and says what the agent does", () => {
    expect(progressLine(run)).toBe(
      "[####----------------] 6/30 turns · $0.0123 · running: Writing notes",
    );
  });
  it("is full and final when the run completed; says who it waits for", () => {
    expect(progressLine({ ...run, status: "completed", turns: 9 })).toBe(
      "[####################] 9/30 turns · $0.0123 · ✔ completed",
    );
    expect(progressLine({ ...run, status: "waiting" }, 200)).toContain(
      "waiting for a person: Writing notes",
    );
    expect(progressLine({ ...run, status: "timed_out" })).toContain("✘ timed out");
  });
  it("fits the terminal width", () => {
    const line = progressLine({ ...run, currentAction: "x".repeat(200) }, 60);
    expect(line).toHaveLength(60);
    expect(line.endsWith("…")).toBe(true);
  });
  it("knows which statuses end a run", () => {
    expect(["completed", "failed", "killed", "timed_out"].every(isEnded)).toBe(true);
    expect(["queued", "running", "waiting"].some(isEnded)).toBe(false);
  });
});

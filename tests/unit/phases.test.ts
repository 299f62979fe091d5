import { describe, expect, it } from "vitest";
import { checkMove, DEFAULT_PHASES, DONE_LANE, lanesOf, phaseAfter } from "@/lib/domain/phases";

const phases = [...DEFAULT_PHASES];

describe("lanes", () => {
  it("are the pipeline's phases followed by Done", () => {
    expect(lanesOf(phases)).toEqual([
      "ANALYZER",
      "BUILDER",
      "TESTER",
      "VALIDATOR",
      "DEPLOYER",
      "DONE",
    ]);
  });
  it("phaseAfter walks them in order and stops at Done", () => {
    expect(phaseAfter(phases, "ANALYZER")).toBe("BUILDER");
    expect(phaseAfter(phases, "DEPLOYER")).toBe(DONE_LANE);
    expect(phaseAfter(phases, DONE_LANE)).toBeNull();
    expect(phaseAfter(phases, "NOPE")).toBeNull();
  });
});

describe("checkMove", () => {
  const idle = (phase: string) => ({ phase, status: "idle" as const });

  it("allows one lane forward, and into Done from the last phase with status done", () => {
    expect(checkMove(phases, idle("ANALYZER"), "BUILDER")).toEqual({ ok: true, status: "idle" });
    expect(checkMove(phases, idle("DEPLOYER"), DONE_LANE)).toEqual({ ok: true, status: "done" });
  });
  it("allows moving back any number of lanes, including out of Done", () => {
    expect(checkMove(phases, idle("VALIDATOR"), "ANALYZER").ok).toBe(true);
    expect(checkMove(phases, { phase: DONE_LANE, status: "done" }, "BUILDER")).toEqual({
      ok: true,
      status: "idle",
    });
  });
  it("refuses skipping phases and says which lane comes next", () => {
    const r = checkMove(phases, idle("ANALYZER"), "TESTER");
    expect(r).toMatchObject({ ok: false, code: "cannot-skip-phases" });
    expect(!r.ok && r.message).toContain("BUILDER");
  });
  it("refuses moves while a run is in progress or waiting on a decision", () => {
    expect(checkMove(phases, { phase: "BUILDER", status: "running" }, "TESTER")).toMatchObject({
      ok: false,
      code: "run-in-progress",
    });
    expect(checkMove(phases, { phase: "BUILDER", status: "waiting" }, "ANALYZER")).toMatchObject({
      ok: false,
      code: "run-in-progress",
    });
  });
  it("refuses unknown lanes and the lane it is in", () => {
    expect(checkMove(phases, idle("BUILDER"), "QA")).toMatchObject({
      ok: false,
      code: "unknown-lane",
    });
    expect(checkMove(phases, idle("BUILDER"), "BUILDER")).toMatchObject({
      ok: false,
      code: "same-lane",
    });
  });
  it("lets a failed epic be moved (to retry elsewhere)", () => {
    expect(checkMove(phases, { phase: "TESTER", status: "failed" }, "BUILDER").ok).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  epicFigures,
  figuresToCsv,
  projectFigures,
  runsOverTime,
  type EpicFacts,
  type RunFact,
} from "@/lib/domain/metrics";

const t = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000);
const run = (
  id: string,
  phase: string,
  from: number,
  to: number,
  extra: Partial<RunFact> = {},
): RunFact => ({
  id,
  phase,
  status: "completed",
  parentRunId: null,
  startedAt: t(from),
  endedAt: t(to),
  turns: 10,
  costUsd: 0.5,
  inputTokens: 1000,
  outputTokens: 200,
  ...extra,
});

const smooth: EpicFacts = {
  id: "e1",
  number: 1,
  title: "Smooth",
  createdAt: t(0),
  doneAt: t(10),
  runs: [run("r1", "ANALYZER", 1, 2), run("r2", "BUILDER", 3, 6)],
  decisions: [{ source: "tool_approval", createdAt: t(4), answeredAt: t(4.5), status: "answered" }],
  feedbackCount: 0,
  patternUses: 2,
  coverage: 80,
};
const bumpy: EpicFacts = {
  id: "e2",
  number: 2,
  title: 'Bumpy, with "quotes"',
  createdAt: t(0),
  doneAt: null,
  runs: [
    run("r3", "ANALYZER", 1, 2, { status: "failed" }),
    run("r4", "ANALYZER", 2, 3),
    run("r5", "ANALYZER", 3, 4, { parentRunId: "r4" }),
  ],
  decisions: [
    { source: "agent", createdAt: t(1), answeredAt: t(3), status: "answered" },
    { source: "manager", createdAt: t(1), answeredAt: t(2), status: "auto_applied" },
  ],
  feedbackCount: 2,
  patternUses: 0,
  coverage: 60,
};

describe("an epic's figures", () => {
  it("lead time, time per phase, waiting on people, first-time success", () => {
    const f = epicFigures(smooth);
    expect(f).toMatchObject({
      leadTimeHours: 10,
      waitingHours: 0.5,
      interventions: 1,
      firstTimeSuccess: true,
      usedPattern: true,
      turns: 20,
      tokens: 2400,
      costUsd: 1,
    });
    expect(f.phases.map((p) => [p.phase, p.seconds, p.reruns])).toEqual([
      ["ANALYZER", 3600, 0],
      ["BUILDER", 10800, 0],
    ]);
  });
  it("counts a re-run (not a follow-up) and interventions from feedback and decisions people took", () => {
    const f = epicFigures(bumpy);
    expect(f.phases[0]).toMatchObject({ runs: 2, reruns: 1, runIds: ["r3", "r4", "r5"] });
    expect(f).toMatchObject({
      leadTimeHours: null,
      firstTimeSuccess: false,
      interventions: 3,
      waitingHours: 3,
    });
  });
});

describe("a project's figures", () => {
  it("averages over the epics that ran, and rates against their number", () => {
    const p = projectFigures(
      [
        epicFigures(smooth),
        epicFigures(bumpy),
        epicFigures({
          ...smooth,
          id: "e3",
          runs: [],
          decisions: [],
          doneAt: null,
          coverage: null,
          patternUses: 0,
        }),
      ],
      ["ANALYZER", "BUILDER"],
    );
    expect(p).toMatchObject({
      epics: 3,
      doneEpics: 1,
      leadTimeHours: 10,
      interventionsPerEpic: 2,
      firstTimeSuccessRate: 50,
      patternReuseRate: 50,
      coverage: 70,
      waitingHours: 1.75,
    });
    expect(p.phases.map((x) => [x.phase, x.runs, x.reruns])).toEqual([
      ["ANALYZER", 3, 1],
      ["BUILDER", 1, 0],
    ]);
  });
  it("exports one CSV row per epic, quoting what needs it", () => {
    const csv = figuresToCsv([epicFigures(bumpy)]);
    expect(csv.split("\n")[1]).toBe(
      '#2,"Bumpy, with ""quotes""",,3,3,false,false,60,30,3600,1.5000',
    );
  });
});

describe("over time", () => {
  it("groups runs by the day they started, counting failures and cost", () => {
    const runs = [
      run("a", "X", 1, 2),
      run("b", "X", 30, 31, { status: "failed" }),
      run("c", "Y", 25, 26),
      { ...run("d", "Y", 0, 0), startedAt: null },
    ];
    expect(runsOverTime(runs)).toEqual([
      { day: "2026-01-01", runs: 1, failed: 0, costUsd: 0.5, turns: 10 },
      { day: "2026-01-02", runs: 2, failed: 1, costUsd: 1, turns: 20 },
    ]);
  });
});

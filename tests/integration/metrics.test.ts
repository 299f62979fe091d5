import { describe, expect, it } from "vitest";
import { seedMetricsScenario } from "@/prisma/seed-metrics";
import { getMetrics } from "@/lib/services/metrics";
import { freshDb } from "../setup/db";

const db = await freshDb();

describe("metrics from stored facts", () => {
  it("computes the seeded scenario's figures", async () => {
    expect(await seedMetricsScenario(db)).toBe(true);
    const project = await db.project.findUniqueOrThrow({ where: { slug: "metrics-demo" } });
    const { project: p, epics } = await getMetrics({ projectId: project.id });
    expect(p).toMatchObject({
      epics: 2,
      doneEpics: 1,
      leadTimeHours: 10,
      waitingHours: 1.25,
      interventionsPerEpic: 2,
      firstTimeSuccessRate: 50,
      patternReuseRate: 50,
      coverage: 70,
      costUsd: 2,
    });
    expect(p.phases.map((x) => [x.phase, x.runs, x.reruns, x.seconds])).toEqual([
      ["ANALYZER", 3, 1, 10800],
      ["BUILDER", 1, 0, 7200],
    ]);
    expect(epics.map((e) => [e.number, e.interventions, e.firstTimeSuccess])).toEqual([
      [1, 1, true],
      [2, 3, false],
    ]);
    const { days } = await getMetrics({ projectId: project.id });
    expect(days).toEqual([{ day: "2026-11-02", runs: 4, failed: 1, costUsd: 2, turns: 40 }]);
  });

  it("filters by date range and by epic", async () => {
    const project = await db.project.findUniqueOrThrow({ where: { slug: "metrics-demo" } });
    expect(
      (await getMetrics({ projectId: project.id, from: new Date(Date.UTC(2026, 10, 3)) })).epics,
    ).toHaveLength(0);
    const rework = await db.epic.findFirstOrThrow({ where: { projectId: project.id, number: 2 } });
    expect((await getMetrics({ projectId: project.id, epicId: rework.id })).project).toMatchObject({
      epics: 1,
      interventionsPerEpic: 3,
      patternReuseRate: 0,
    });
  });
});

// One epic through all five phases with the demo agent and auto-advance: each phase's prompt
// carries the earlier ones' results, the agent session carries through, the TESTER gate reads
// the reported coverage, DEPLOYER waits for its approval gate, and the metrics add up.
import { describe, expect, it } from "vitest";
import { answerDecision } from "@/lib/services/decisions";
import { getMetrics } from "@/lib/services/metrics";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { actorOf } from "../setup/actors";
import { demoProjectId, events, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
process.env.HIVEBOARD_DEMO_FAULT = "no-approval";

describe("an epic through the whole pipeline", () => {
  it("goes ANALYZER → BUILDER → TESTER → VALIDATOR → (approval) → DEPLOYER → Done by itself", async () => {
    await db.phase.updateMany({ data: { autoAdvance: true } });
    await db.phase.updateMany({
      where: { key: "TESTER" },
      data: {
        gate: {
          runSucceeded: true,
          todosCompleted: true,
          metrics: [{ name: "coverage", op: ">=", value: 70 }],
          approval: false,
        },
      },
    });
    const epicId = await freshEpic(projectId, "All the way");
    const first = await startRun(manager, { epicId });
    expect(first.ok).toBe(true);

    const gate = await waitFor(
      "the DEPLOYER gate",
      () => db.decision.findFirst({ where: { epicId, source: "gate", status: "open" } }),
      60_000,
    );
    expect(gate.title).toMatch(/^Start DEPLOYER for #\d+ “All the way”\?$/);
    await answerDecision(actorOf("approver"), {
      decisionId: gate.id,
      option: "approve",
      comment: "",
      clientKey: "full-pipeline-gate",
    });
    const done = await waitFor(
      "Done",
      async () => {
        const e = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
        return e.phase === "DONE" ? e : null;
      },
      60_000,
    );
    expect(done.status).toBe("done");

    const runs = await db.run.findMany({ where: { epicId }, orderBy: { createdAt: "asc" } });
    expect(runs.map((r) => [r.phase, r.status])).toEqual([
      ["ANALYZER", "completed"],
      ["BUILDER", "completed"],
      ["TESTER", "completed"],
      ["VALIDATOR", "completed"],
      ["DEPLOYER", "completed"],
    ]);
    expect(new Set(runs.map((r) => r.sessionId)).size).toBe(1); // one agent session, carried through

    for (const [i, run] of runs.entries()) {
      const prompt = (
        (await events(run.id)).find((e) => e.kind === "prompt")!.data as { text: string }
      ).text;
      for (const earlier of runs.slice(0, i))
        expect(prompt).toContain(`- ${earlier.phase}: Done: `);
      if (i === 0) expect(prompt).not.toContain("Earlier phases:");
    }
    const tester = runs[2];
    expect(
      await db.metricSample.findMany({
        where: { runId: tester.id },
        select: { name: true, value: true },
      }),
    ).toEqual([{ name: "coverage", value: 82 }]);

    const { project, epics } = await getMetrics({ projectId, epicId });
    expect(project).toMatchObject({
      epics: 1,
      doneEpics: 1,
      firstTimeSuccessRate: 100,
      coverage: 82,
      interventionsPerEpic: 1,
    });
    expect(project.phases.map((p) => [p.phase, p.runs, p.reruns])).toEqual([
      ["ANALYZER", 1, 0],
      ["BUILDER", 1, 0],
      ["TESTER", 1, 0],
      ["VALIDATOR", 1, 0],
      ["DEPLOYER", 1, 0],
    ]);
    expect(epics[0].leadTimeHours).not.toBeNull();
    expect(epics[0].costUsd).toBeGreaterThan(0);
  }, 120_000);
});

import { afterEach, describe, expect, it } from "vitest";
import { answerDecision } from "@/lib/services/decisions";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { actorOf } from "../setup/actors";
import { demoProjectId, ended, events, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
afterEach(async () => {
  delete process.env.HIVEBOARD_DEMO_COVERAGE;
  await db.phase.updateMany({
    data: {
      gate: { runSucceeded: true, todosCompleted: false, metrics: [], approval: false },
      autoAdvance: false,
    },
  });
});

async function runPhase(epicId: string) {
  const r = await startRun(manager, { epicId });
  if (!r.ok) throw new Error(r.message);
  return ended(r.data.runId);
}
async function epicIn(phase: string, title: string) {
  const id = await freshEpic(projectId, title);
  await db.epic.update({ where: { id }, data: { phase } });
  return id;
}
const setGate = (key: string, gate: object, extra: object = {}) =>
  db.phase.updateMany({
    where: { key },
    data: {
      gate: { runSucceeded: true, todosCompleted: false, metrics: [], approval: false, ...gate },
      ...extra,
    },
  });

describe("gates at the end of a run", () => {
  it("TESTER with coverage ≥ 70: the reported coverage passes it and the card moves on", async () => {
    await setGate("TESTER", {
      metrics: [{ name: "coverage", op: ">=", value: 70 }],
      todosCompleted: true,
    });
    const epicId = await epicIn("TESTER", "Well tested");
    const run = await runPhase(epicId);
    expect(
      await db.metricSample.findMany({
        where: { runId: run.id },
        select: { name: true, value: true, phase: true },
      }),
    ).toEqual([{ name: "coverage", value: 82, phase: "TESTER" }]);
    const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
    expect(epic).toMatchObject({ phase: "VALIDATOR", status: "idle" });
    expect((await events(run.id)).find((e) => e.kind === "gate")!.data).toMatchObject({
      passed: true,
    });
  });

  it("a failed gate keeps the card in its lane and says what is missing", async () => {
    await setGate("TESTER", { metrics: [{ name: "coverage", op: ">=", value: 70 }] });
    process.env.HIVEBOARD_DEMO_COVERAGE = "64";
    const epicId = await epicIn("TESTER", "Under tested");
    await runPhase(epicId);
    const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
    expect(epic).toMatchObject({ phase: "TESTER", status: "idle" });
    expect(epic.lastGate).toMatchObject({
      phase: "TESTER",
      passed: false,
      checks: [
        { name: "Run succeeded", passed: true },
        { name: "coverage >= 70", passed: false, detail: "coverage is 64, which is not >= 70." },
      ],
    });
  });

  it("auto-advance starts the next phase as soon as the gate passes", async () => {
    await db.phase.updateMany({ where: { key: "ANALYZER" }, data: { autoAdvance: true } });
    const epicId = await freshEpic(projectId, "Flows on");
    await runPhase(epicId);
    const builder = await waitFor("the BUILDER run", () =>
      db.run.findFirst({ where: { epicId, phase: "BUILDER" } }),
    );
    expect(builder.startedById).toBeNull();
    expect((await ended(builder.id)).status).toBe("completed");
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).phase).toBe("TESTER");
  });

  it("a gate that needs approval asks once the rest passed; approving moves the card", async () => {
    await setGate("VALIDATOR", { approval: true });
    const epicId = await epicIn("VALIDATOR", "Needs sign-off");
    const run = await runPhase(epicId);
    expect(await db.epic.findUniqueOrThrow({ where: { id: epicId } })).toMatchObject({
      phase: "VALIDATOR",
      status: "waiting",
    });
    const d = await waitFor("the gate decision", () =>
      db.decision.findFirst({ where: { runId: run.id, source: "gate", status: "open" } }),
    );
    expect(d.title).toMatch(
      /^Approve VALIDATOR of #\d+ “Needs sign-off” and move it to DEPLOYER\?$/,
    );
    await answerDecision(actorOf("approver"), {
      decisionId: d.id,
      option: "approve",
      comment: "",
      clientKey: `gate-${d.id}`,
    });
    const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
    expect(epic).toMatchObject({ phase: "DEPLOYER", status: "idle", lastGate: { passed: true } });
  });

  it("hands the next phase earlier results, decisions taken and open todos", async () => {
    const epicId = await freshEpic(projectId, "Handed over");
    await runPhase(epicId);
    await db.decision.create({
      data: {
        projectId,
        epicId,
        source: "manager",
        title: "Use Postgres?",
        options: [
          { key: "yes", label: "Yes" },
          { key: "no", label: "No" },
        ],
        status: "answered",
        answerOption: "yes",
        answerComment: "We run it already",
        answeredAt: new Date(),
      },
    });
    await db.todo.create({ data: { epicId, content: "Write the migration", position: 99 } });
    const builder = await runPhase(epicId);
    const prompt = (
      (await events(builder.id)).find((e) => e.kind === "prompt")!.data as { text: string }
    ).text;
    expect(prompt).toContain("Earlier phases:\n- ANALYZER: Done: ");
    expect(prompt).toContain("Decisions taken:\n- Use Postgres? → Yes (We run it already)");
    expect(prompt).toContain("Open todos:\n- Write the migration");
  });
});

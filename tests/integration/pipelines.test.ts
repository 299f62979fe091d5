import { describe, expect, it } from "vitest";
import { parsePipelineYaml, pipelineToYaml } from "@/lib/schemas/pipeline-yaml";
import { getBoard } from "@/lib/services/board";
import { getPipelineSpec, savePipelineYaml } from "@/lib/services/pipelines";
import { freshDb, makeProject, manager } from "../setup/db";
import { freshEpic } from "../setup/runs";

const db = await freshDb();

describe("saving pipeline.yaml", () => {
  it("replaces the phases in order, and the board shows the new lanes", async () => {
    const project = await makeProject();
    const yaml = pipelineToYaml((await getPipelineSpec(project.id))!)
      .replace("name: Builder", "name: Implementer")
      .replace("maxTurns: 60", "maxTurns: 80");
    const withQa = yaml.replace(
      "  - key: VALIDATOR",
      "  - key: QA\n    name: Manual QA\n    workflow: review\n    runner: command\n    command: npm run e2e\n  - key: VALIDATOR",
    );
    expect(await savePipelineYaml(manager, { projectId: project.id, yaml: withQa })).toMatchObject({
      ok: true,
      data: { phases: 6 },
    });
    const board = await getBoard(project.slug);
    expect(board!.phases.map((p) => p.name)).toEqual([
      "Analyzer",
      "Implementer",
      "Tester",
      "Manual QA",
      "Validator",
      "Deployer",
    ]);
    const spec = await getPipelineSpec(project.id);
    expect(spec!.phases[1].maxTurns).toBe(80);
    expect(spec!.phases[3]).toMatchObject({ key: "QA", runner: "command", command: "npm run e2e" });
    expect(
      await db.auditLog.count({ where: { projectId: project.id, action: "pipeline.update" } }),
    ).toBe(1);
  });

  it("refuses invalid YAML with its lines, changing nothing", async () => {
    const project = await makeProject();
    const before = await getPipelineSpec(project.id);
    const yaml = pipelineToYaml(before!).replace("maxTurns: 30", "maxTurns: 0");
    const line = yaml.split("\n").findIndex((l) => l.includes("maxTurns: 0")) + 1;
    const r = await savePipelineYaml(manager, { projectId: project.id, yaml });
    expect(r).toMatchObject({
      ok: false,
      code: "invalid-pipeline",
      fieldErrors: { [`line ${line} phases[0].maxTurns`]: "maxTurns is 1 to 200" },
    });
    expect(await getPipelineSpec(project.id)).toEqual(before);
  });

  it("will not strand epics: a phase that still has some cannot be removed", async () => {
    const project = await makeProject();
    await freshEpic(project.id, "Stays in ANALYZER");
    const spec = (await getPipelineSpec(project.id))!;
    const withoutAnalyzer = pipelineToYaml({ ...spec, phases: spec.phases.slice(1) });
    expect(
      await savePipelineYaml(manager, { projectId: project.id, yaml: withoutAnalyzer }),
    ).toMatchObject({
      ok: false,
      code: "phase-has-epics",
      message: expect.stringContaining("1 in ANALYZER"),
    });
    const withoutDeployer = pipelineToYaml({ ...spec, phases: spec.phases.slice(0, -1) });
    expect(
      await savePipelineYaml(manager, { projectId: project.id, yaml: withoutDeployer }),
    ).toMatchObject({ ok: true });
    expect((await getPipelineSpec(project.id))!.phases.map((p) => p.key)).toEqual([
      "ANALYZER",
      "BUILDER",
      "TESTER",
      "VALIDATOR",
    ]);
  });

  it("exports what it imports", async () => {
    const project = await makeProject();
    const spec = (await getPipelineSpec(project.id))!;
    expect(parsePipelineYaml(pipelineToYaml(spec))).toEqual({ ok: true, spec });
  });
});

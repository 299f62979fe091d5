import { describe, expect, it } from "vitest";
import { evaluateGate, type Gate } from "@/lib/domain/gates";
import { parsePipelineYaml, pipelineToYaml } from "@/lib/schemas/pipeline-yaml";

const VALID = `name: Web app
phases:
  - key: ANALYZER
    name: Analyzer
    workflow: architect
    prompt: "Plan {feature_name}: {key_requirements}"
  - key: TESTER
    name: Tester
    workflow: test
    maxTurns: 40
    gate:
      todosCompleted: true
      metrics:
        - { name: coverage, op: ">=", value: 70 }
`;

describe("pipeline.yaml", () => {
  it("reads a valid pipeline, filling defaults, and writes it back the same", () => {
    const r = parsePipelineYaml(VALID);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.phases[1]).toMatchObject({
      key: "TESTER",
      maxTurns: 40,
      timeoutSec: 1800,
      runner: "claude-code",
      gate: {
        runSucceeded: true,
        todosCompleted: true,
        metrics: [{ name: "coverage", op: ">=", value: 70 }],
      },
    });
    const again = parsePipelineYaml(pipelineToYaml(r.spec));
    expect(again).toEqual(r);
  });

  it("names the line and the field of each mistake", () => {
    const bad = VALID.replace("maxTurns: 40", "maxTurns: 400")
      .replace("key: TESTER", "key: tester")
      .replace("{key_requirements}", "{requirements}");
    const r = parsePipelineYaml(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { line: 10, path: "phases[1].maxTurns", message: "maxTurns is 1 to 200" },
        {
          line: 7,
          path: "phases[1].key",
          message: "A phase key is UPPER_CASE letters, digits and _, like BUILDER",
        },
        {
          line: 6,
          path: "phases[0].prompt",
          message: expect.stringContaining("Unknown placeholder {requirements}"),
        },
      ]),
    );
  });

  it("points at the phase when a required field is missing", () => {
    const r = parsePipelineYaml(VALID.replace("    workflow: test\n", ""));
    expect(!r.ok && r.errors).toEqual([
      {
        line: 7,
        path: "phases[1].workflow",
        message: expect.stringContaining("Name the workflow"),
      },
    ]);
  });

  it("refuses a key used twice, pointing at the second", () => {
    const r = parsePipelineYaml(VALID.replace("key: TESTER", "key: ANALYZER"));
    expect(!r.ok && r.errors).toEqual([
      { line: 7, path: "phases[1].key", message: "ANALYZER is used by phase 1 already" },
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const r = parsePipelineYaml("phases:\n  - key: A\n   name: broken indent\n");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].line).toBe(3);
  });
});

describe("gates", () => {
  const gate: Gate = {
    runSucceeded: true,
    todosCompleted: true,
    metrics: [{ name: "coverage", op: ">=", value: 70 }],
    approval: false,
    review: "none",
  };
  const facts = {
    runStatus: "completed",
    todos: [
      { status: "completed", phase: "TESTER" },
      { status: "pending", phase: "BUILDER" },
    ],
    metrics: { coverage: 82 },
    approved: null,
  };

  it("pass when every check holds (other phases' todos do not count)", () => {
    expect(evaluateGate(gate, "TESTER", facts)).toMatchObject({ passed: true, pending: false });
  });
  it("fail with what is missing", () => {
    const r = evaluateGate(gate, "TESTER", {
      ...facts,
      runStatus: "failed",
      runError: "Timed out after 60 s.",
      metrics: { coverage: 64 },
      todos: [
        { status: "pending", phase: "TESTER" },
        { status: "completed", phase: null },
      ],
    });
    expect(r.passed).toBe(false);
    expect(r.checks.map((c) => c.detail)).toEqual([
      "The run ended failed: Timed out after 60 s.",
      "1 of 2 todos of TESTER are still open.",
      "coverage is 64, which is not >= 70.",
    ]);
    expect(evaluateGate(gate, "TESTER", { ...facts, metrics: {} }).checks[2].detail).toBe(
      "coverage was not reported by the run.",
    );
  });
  it("wait for an approval once everything else passes", () => {
    const r = evaluateGate({ ...gate, approval: true }, "TESTER", facts);
    expect(r).toMatchObject({ passed: false, pending: true });
    expect(
      evaluateGate({ ...gate, approval: true }, "TESTER", { ...facts, approved: true }).passed,
    ).toBe(true);
  });
});

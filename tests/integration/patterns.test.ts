import { describe, expect, it } from "vitest";
import { createPattern, getPattern, searchPatterns, updatePattern } from "@/lib/services/patterns";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { actorOf } from "../setup/actors";
import { demoProjectId, ended, events, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const dev = actorOf("developer");
const base = {
  description: "",
  whenToUse: "",
  implementation: "",
  examples: "",
  commonIssues: "",
  tags: [] as string[],
};

describe("the pattern library", () => {
  it("creates, edits, refuses a taken name, and finds by any field, best first", async () => {
    const a = await createPattern(dev, {
      ...base,
      name: "Outbox table",
      description: "Publish events after commit",
      tags: ["events", "consistency"],
    });
    const b = await createPattern(dev, {
      ...base,
      name: "Idempotency keys",
      whenToUse: "Commands people repeat",
      implementation: "unique (runId, clientKey)",
      tags: ["api"],
    });
    expect(a.ok && b.ok).toBe(true);
    expect(await createPattern(dev, { ...base, name: "Outbox table" })).toMatchObject({
      ok: false,
      code: "name-taken",
      fieldErrors: { name: expect.any(String) },
    });
    expect((await searchPatterns("outbox")).map((p) => p.name)).toEqual(["Outbox table"]);
    expect((await searchPatterns("clientKey")).map((p) => p.name)).toEqual(["Idempotency keys"]);
    expect((await searchPatterns("", "events")).map((p) => p.name)).toEqual(["Outbox table"]);
    expect(
      await updatePattern(dev, {
        ...base,
        id: a.ok ? a.data.id : "",
        name: "Transactional outbox",
        tags: ["events"],
      }),
    ).toMatchObject({ ok: true });
    expect((await searchPatterns("transactional"))[0].name).toBe("Transactional outbox");
  });

  it("counts a use when a run says PATTERN <name>, and hands it to the next phase", async () => {
    await createPattern(dev, {
      ...base,
      name: "Retry with backoff",
      whenToUse: "Flaky remote calls",
    });
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const epicId = await freshEpic(projectId, "Uses a pattern");
    // The command runner's output is the run's output: it reports the pattern like an agent would.
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { runner: "command", command: "echo 'PATTERN Retry with backoff'" },
    });
    // …but a pattern reported in a log line is not a use: only the agent's own words count.
    const r1 = await startRun(manager, { epicId });
    await ended(r1.ok ? r1.data.runId : "");
    let pattern = (await searchPatterns("retry"))[0];
    expect(pattern.usageCount).toBe(0);

    await db.phase.updateMany({ where: { key: "BUILDER" }, data: { runner: "demo" } });
    await db.epic.update({ where: { id: epicId }, data: { phase: "ANALYZER" } });
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: {
        runner: "demo",
        command: null,
        promptTemplate: "Work on {feature_name}, say PATTERN Retry with backoff",
      },
    });
    const r2 = await startRun(manager, { epicId });
    await ended(r2.ok ? r2.data.runId : "");
    pattern = (await searchPatterns("retry"))[0];
    expect(pattern.usageCount).toBe(1);
    expect(pattern.lastUsedAt).not.toBeNull();
    expect((await getPattern(pattern.id))!.uses[0].run).toMatchObject({
      phase: "ANALYZER",
      epic: "#7 Uses a pattern",
    });

    const r3 = await startRun(manager, { epicId });
    const builder = await ended(r3.ok ? r3.data.runId : "");
    const prompt = (
      (await events(builder.id)).find((e) => e.kind === "prompt")!.data as { text: string }
    ).text;
    expect(prompt).toContain("Patterns used so far:\n- Retry with backoff (Flaky remote calls)");
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("starts a run with patterns picked from the library: the agent reads them, the run records them", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const picked = await createPattern(dev, {
      ...base,
      name: "Feature flags",
      whenToUse: "Risky changes",
      implementation: "if (flags.on('x')) { … }",
    });
    const id = picked.ok ? picked.data.id : "";
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { promptTemplate: "Plan {feature_name}." },
    });
    const epicId = await freshEpic(projectId, "Picks a pattern");

    // An unknown pattern: nothing starts, nothing is counted.
    const runsBefore = await db.run.count();
    expect(await startRun(manager, { epicId, patternIds: [id, "no-such-pattern"] })).toMatchObject({
      ok: false,
      code: "pattern-not-found",
    });
    expect(await db.run.count()).toBe(runsBefore);

    const r = await startRun(manager, { epicId, patternIds: [id] });
    const run = await ended(r.ok ? r.data.runId : "");
    const prompt = (
      (await events(run.id)).find((e) => e.kind === "prompt")!.data as { text: string }
    ).text;
    expect(prompt).toContain(
      "## Patterns to follow (picked from the pattern library)\n\n### Feature flags\nWhen to use: Risky changes\nImplementation:\nif (flags.on('x')) { … }",
    );
    expect(
      await db.patternUse.findMany({ where: { runId: run.id }, select: { patternId: true } }),
    ).toEqual([{ patternId: id }]);
    expect((await getPattern(id))!.usageCount).toBe(1);

    // The next phase lists it among the patterns used so far, and is not told to follow it again.
    const next = await startRun(manager, { epicId });
    const builder = await ended(next.ok ? next.data.runId : "");
    const handed = (
      (await events(builder.id)).find((e) => e.kind === "prompt")!.data as { text: string }
    ).text;
    expect(handed).toContain("- Feature flags (Risky changes)");
    expect(handed).not.toContain("## Patterns to follow");
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });
});

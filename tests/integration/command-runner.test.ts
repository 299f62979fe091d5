import { describe, expect, it } from "vitest";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();

async function runCommand(command: string) {
  await db.phase.updateMany({ where: { key: "ANALYZER" }, data: { runner: "command", command } });
  const r = await startRun(manager, { epicId: await freshEpic(projectId) });
  return ended(r.ok ? r.data.runId : "");
}

describe("the command runner", () => {
  it("turns each output line into an event and a zero exit into success, in the epic's worktree", async () => {
    const run = await runCommand("echo building; echo warn >&2; git rev-parse --abbrev-ref HEAD");
    expect(run).toMatchObject({ status: "completed", runner: "command" });
    const lines = (await events(run.id))
      .filter((e) => e.kind === "log")
      .map((e) => e.data as { stream: string; line: string });
    expect(lines).toEqual(
      expect.arrayContaining([
        { stream: "stdout", line: "building" },
        { stream: "stderr", line: "warn" },
      ]),
    );
    expect(lines.some((l) => l.line.startsWith("hiveboard/epic-"))).toBe(true);
  });

  it("fails with the exit code when the command fails", async () => {
    const run = await runCommand("echo nope; exit 3");
    expect(run).toMatchObject({ status: "failed", error: "The command exited with code 3." });
  });
});

describe("a new project", () => {
  it("asks for Claude Code in every phase; without it installed, its runs use the demo agent, saying so", async () => {
    const { createProject } = await import("@/lib/services/projects");
    const { demoRunsOf } = await import("@/lib/services/agents");
    const made = await createProject(manager, {
      name: "Fresh",
      slug: `fresh-${Date.now()}`,
      repo: "",
      defaultBranch: "main",
      description: "",
    });
    if (!made.ok) throw new Error(made.message);
    const id = (made.data as { id: string }).id;
    const phases = await db.phase.findMany({ where: { pipeline: { projectId: id } } });
    expect(new Set(phases.map((p) => p.runner))).toEqual(new Set(["claude-code"]));
    expect(await demoRunsOf(id)).toBe("stand-in");
    expect(await demoRunsOf(projectId)).toBe("chosen"); // the seeded demo project asks for the demo agent itself
  });
});

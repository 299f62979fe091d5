// The real Claude Code CLI (from the npm registry; .ci/run installs it into .ci/tools and names it
// in TEST_CLAUDE_CLI), driven by Hiveboard's own runner with its exact argv and stdin lines,
// unauthenticated: every flag is accepted, the handshake is answered, and the run fails saying
// "Not logged in" — never succeeding, never hanging. Skipped where the CLI is not installed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const cli = process.env.TEST_CLAUDE_CLI;
if (cli) {
  // Read once by lib/env.ts: set before anything of the app is imported.
  process.env.CLAUDE_CODE_PATH = cli;
  // A fresh home: no login from whoever runs the tests.
  process.env.HOME = mkdtempSync(path.join(tmpdir(), "claude-home-"));
  delete process.env.ANTHROPIC_API_KEY;
}

describe.skipIf(!cli)("the real Claude Code CLI, unauthenticated", () => {
  it("accepts every flag, answers the handshake, and fails the run with 'Not logged in'", async () => {
    const { freshDb, manager } = await import("../setup/db");
    const { demoProjectId, ended, events, freshEpic } = await import("../setup/runs");
    const { startRun } = await import("@/lib/run-engine");
    const db = await freshDb();
    const projectId = await demoProjectId();
    await db.phase.updateMany({ where: { key: "ANALYZER" }, data: { runner: "claude-code" } });
    const r = await startRun(manager, { epicId: await freshEpic(projectId, "Conformance") });
    if (!r.ok) throw new Error(r.message);
    const run = await ended(r.data.runId);
    expect(run.runner).toBe("claude-code");
    expect(run.status).toBe("failed");
    expect(run.error).toContain("Not logged in");
    expect(run.error).toContain("ANTHROPIC_API_KEY");
    const all = await events(run.id);
    const stderr = all
      .filter((e) => e.kind === "log")
      .map((e) => (e.data as { line: string }).line)
      .join("\n");
    expect(stderr).not.toMatch(/unknown option|error: option|unexpected argument/i);
    expect(all.find((e) => e.kind === "agent_info")!.data).toMatchObject({ credentials: "none" });
    expect(all.find((e) => e.kind === "result")!.data).toMatchObject({
      subtype: "success",
      isError: true,
    });
  }, 90_000);
});

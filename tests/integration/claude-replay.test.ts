// A recorded Claude Code session (139 turns by the CLI's own count, 54 API messages, prompt-cache
// tokens) played back as the `claude` executable through Hiveboard's real runner and engine: the
// run's turns and tokens are what the CLI reported, and the Automagik status shows the cache.
import { describe, expect, it } from "vitest";

// Read once by lib/env.ts: set before anything of the app is imported.
process.env.CLAUDE_CODE_PATH = `${process.cwd()}/tests/setup/replay-claude.mjs`;

describe("turns and tokens as the CLI reports them", () => {
  it("takes num_turns and the cache tokens from the CLI's result", async () => {
    const { freshDb, manager } = await import("../setup/db");
    const { demoProjectId, ended, events, freshEpic } = await import("../setup/runs");
    const { startRun } = await import("@/lib/run-engine");
    const { workflowRunStatus } = await import("@/lib/services/automagik-runs");
    const db = await freshDb();
    const projectId = await demoProjectId();
    // The recording ran past 30 API turns: give the phase room for it.
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { runner: "claude-code", maxTurns: 200 },
    });
    const r = await startRun(manager, { epicId: await freshEpic(projectId, "Replay") });
    if (!r.ok) throw new Error(r.message);
    const run = await ended(r.data.runId);
    expect(run.runner).toBe("claude-code");
    expect(run.status, run.error ?? "").toBe("completed");
    // The result line says num_turns 139; usage 193 input + 118,318 cache writes + 4,940,732 cache reads.
    expect(run.turns).toBe(139);
    expect(run.inputTokens).toBe(193 + 118_318 + 4_940_732);
    expect(run.outputTokens).toBe(35_620);
    const result = (await events(run.id)).find((e) => e.kind === "result")!;
    expect(result.data).toMatchObject({ cacheCreatedTokens: 118_318, cacheReadTokens: 4_940_732 });
    const status = (await workflowRunStatus(run.id))!;
    expect(status.metrics.tokens).toMatchObject({
      input: 193 + 118_318 + 4_940_732,
      cache_created: 118_318,
      cache_read: 4_940_732,
    });
    expect(status.metrics.tools_used).toEqual(
      expect.arrayContaining(["TodoWrite", "Read", "Edit", "Bash", "Write"]),
    );
    expect(status.progress.phases_completed).toEqual([
      "initialization",
      "planning",
      "analysis",
      "implementation",
    ]);
  });
});

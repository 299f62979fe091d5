import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { reconcileRuns } from "@/lib/run-engine";
import { startRun } from "@/lib/run-engine";
import { removeEpicWorktree } from "@/lib/services/epic-worktree";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
process.env.HIVEBOARD_DEMO_FAULT = "no-approval";

const firstText = async (runId: string) =>
  ((await events(runId)).find((e) => e.kind === "text")!.data as { text: string }).text;

describe("runs across phases and restarts", () => {
  it("carry the agent session from one phase to the next", async () => {
    const epicId = await freshEpic(projectId, "Session carry");
    const analyzer = await startRun(manager, { epicId });
    const a = await ended(analyzer.ok ? analyzer.data.runId : "");
    expect(a.status).toBe("completed");
    const builder = await startRun(manager, { epicId });
    const b = await ended(builder.ok ? builder.data.runId : "");
    expect(b).toMatchObject({ phase: "BUILDER", status: "completed", sessionId: a.sessionId });
    expect(await firstText(b.id)).toContain("Resuming our session");
    const prompt = ((await events(b.id)).find((e) => e.kind === "prompt")!.data as { text: string })
      .text;
    expect(prompt).toContain("ANALYZER: Done: ");
  });

  it("keep an epic's worktree until a person removes it; its branch stays for the next run", async () => {
    const epicId = await freshEpic(projectId, "Worktree keeper");
    const r = await startRun(manager, { epicId });
    await ended(r.ok ? r.data.runId : "");
    const { worktreePath, branch } = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
    expect(existsSync(worktreePath!)).toBe(true);
    expect(await removeEpicWorktree(manager, { id: epicId })).toMatchObject({ ok: true });
    expect(existsSync(worktreePath!)).toBe(false);
    const repo = (await db.project.findUniqueOrThrow({ where: { id: projectId } })).repo;
    expect(
      execFileSync("git", ["branch", "--list", branch!], { cwd: repo, encoding: "utf8" }),
    ).toContain(branch);
    expect(await removeEpicWorktree(manager, { id: epicId })).toMatchObject({
      ok: false,
      code: "no-worktree",
    });
    const again = await startRun(manager, { epicId });
    expect((await ended(again.ok ? again.data.runId : "")).status).toBe("completed");
    expect(
      existsSync((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).worktreePath!),
    ).toBe(true);
  });

  it("start a fresh session when the phase says not to continue", async () => {
    const epicId = await freshEpic(projectId, "No carry");
    await ended(
      (await startRun(manager, { epicId })).ok
        ? (await db.run.findFirstOrThrow({ where: { epicId } })).id
        : "",
    );
    await db.phase.updateMany({ where: { key: "BUILDER" }, data: { continueSession: false } });
    const b = await startRun(manager, { epicId });
    const run = await ended(b.ok ? b.data.runId : "");
    expect(await firstText(run.id)).toContain("Starting:");
    await db.phase.updateMany({ where: { key: "BUILDER" }, data: { continueSession: true } });
  });

  it("after a crash, resume runs whose agent session can continue and fail the rest with the reason", async () => {
    // What a killed server leaves behind: runs still marked running, with events up to some seq.
    const withSession = await freshEpic(projectId, "Crashed with a session");
    const without = await freshEpic(projectId, "Crashed before init");
    const base = {
      projectId,
      phase: "ANALYZER",
      runner: "demo",
      workflow: "architect",
      maxTurns: 30,
      timeoutSec: 600,
      status: "running",
      ownerId: "node-dead",
      startedAt: new Date(),
    };
    const resumable = await db.run.create({
      data: {
        ...base,
        epicId: withSession,
        sessionId: "5f1b7c7e-0000-4000-8000-000000000001",
        lastSeq: 3,
        turns: 2,
      },
    });
    await db.runEvent.createMany({
      data: [1, 2, 3].map((seq) => ({
        runId: resumable.id,
        seq,
        kind: "log",
        data: { line: `before crash ${seq}` },
      })),
    });
    const lost = await db.run.create({ data: { ...base, epicId: without, lastSeq: 0 } });
    await db.epic.updateMany({
      where: { id: { in: [withSession, without] } },
      data: { status: "running" },
    });

    const result = await reconcileRuns();
    expect(result).toEqual({ resumed: [resumable.id], failed: [lost.id], queued: [] });
    expect(await db.run.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("cannot be resumed"),
    });
    expect((await db.epic.findUniqueOrThrow({ where: { id: without } })).status).toBe("failed");

    const resumed = await ended(resumable.id);
    expect(resumed).toMatchObject({
      status: "completed",
      sessionId: "5f1b7c7e-0000-4000-8000-000000000001",
    });
    expect(resumed.turns).toBeGreaterThan(2);
    const seqs = (await events(resumable.id)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await firstText(resumable.id)).toContain("Resuming our session");
  });
});

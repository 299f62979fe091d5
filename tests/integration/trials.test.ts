// "Try with several agents" through the real engine on the demo project's real git repository:
// the stream-json demo agent and the ACP demo agent take the same phase at once, each in a
// worktree and branch of its own; nothing of the epic moves until a person chooses; the chosen
// try's branch, session, todos and gate become the epic's, the other's worktree goes and its
// branch stays.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as trialRoute from "@/app/api/v1/trials/[id]/route";
import { ACTIONS } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { generateKey } from "@/lib/auth/api-keys";
import { chooseTrialRun, startRun, startTrial } from "@/lib/run-engine";
import { getMetrics } from "@/lib/services/metrics";
import { getTrial } from "@/lib/services/trials";
import { freshDb, manager } from "../setup/db";
import { allowToolApproval, demoProjectId, ended, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const repo = (await db.project.findUniqueOrThrow({ where: { id: projectId } })).repo;
const branches = () =>
  execFileSync("git", ["branch", "--format=%(refname:short)"], { cwd: repo, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);

describe("trying one phase with several agents", () => {
  it("runs each try in its own worktree, moves nothing, compares them, and continues with the one chosen", async () => {
    const epicId = await freshEpic(projectId, "Rate limiter");
    const started = await startTrial(manager, {
      epicId,
      tries: [
        { agent: "demo", model: null },
        { agent: "demo-acp", model: "demo-large" },
      ],
    });
    if (!started.ok) throw new Error(started.message);
    const { trialId, runIds } = started.data;
    expect(runIds).toHaveLength(2);
    // While they run, the epic takes no other run.
    const other = await startRun(manager, { epicId });
    expect(other).toMatchObject({ ok: false, code: "run-in-progress" });

    await Promise.all(runIds.map(allowToolApproval));
    const runs = await Promise.all(runIds.map(ended));
    expect(runs.map((r) => [r.status, r.agent, r.model])).toEqual([
      ["completed", "demo", null],
      ["completed", "demo-acp", "demo-large"],
    ]);
    const [stream, acp] = runs;
    expect(stream.worktreePath).not.toBe(acp.worktreePath);
    expect(stream.branch).toMatch(/^hiveboard\/epic-\d+-rate-limiter--demo-/);
    expect(acp.branch).toMatch(/^hiveboard\/epic-\d+-rate-limiter--demo-acp-/);
    expect(acp.startCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(existsSync(`${acp.worktreePath}/notes/acp-demo.md`)).toBe(true);
    expect(existsSync(`${stream.worktreePath}/notes/acp-demo.md`)).toBe(false);

    // Nothing of the epic moved: same lane, no branch, no agent todos, idle once both ended.
    let epic = await waitFor("the epic to be idle once both tries ended", () =>
      db.epic.findFirst({ where: { id: epicId, status: "idle" }, include: { todos: true } }),
    );
    expect(epic).toMatchObject({ phase: "ANALYZER", branch: null, status: "idle" });
    expect(epic.todos.filter((t) => t.source === "agent")).toEqual([]);

    // Side by side.
    const view = (await getTrial(trialId))!;
    expect(view.tries.map((t) => t.agent)).toEqual(["demo", "demo-acp"]);
    const [a, b] = view.tries;
    expect(a.gate).toEqual({ passed: true, met: 2, of: 2 });
    expect(b.gate).toEqual({ passed: true, met: 2, of: 2 });
    expect(b.costUsd).toBe(0.0123);
    expect(b.changes).toEqual({ files: 1, added: expect.any(Number), removed: 0 });
    expect(b.changes!.added).toBeGreaterThan(0);
    expect(a.durationSec).toBeGreaterThanOrEqual(0);
    expect(view.chosenRunId).toBeNull();

    // The same over REST.
    const k = generateKey();
    await db.apiKey.create({
      data: { name: "trial-reader", role: "viewer", prefix: k.prefix, hash: k.hash },
    });
    const res = await trialRoute.GET(
      new Request(`http://localhost/api/v1/trials/${trialId}`, { headers: { "x-api-key": k.key } }),
      { params: Promise.resolve({ id: trialId }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tries: { runId: string }[] };
    expect(body.tries.map((t) => t.runId)).toEqual(runIds);

    // Continue with the ACP try.
    const chosen = await chooseTrialRun(manager, { trialId, runId: acp.id });
    expect(chosen).toMatchObject({ ok: true, data: { runId: acp.id, movedTo: "BUILDER" } });
    epic = await db.epic.findUniqueOrThrow({ where: { id: epicId }, include: { todos: true } });
    expect(epic).toMatchObject({
      phase: "BUILDER",
      branch: acp.branch,
      worktreePath: acp.worktreePath,
      sessionId: acp.sessionId,
    });
    expect(epic.todos.filter((t) => t.source === "agent").map((t) => t.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
    ]);
    // The other try is archived: its worktree removed, its branch kept.
    expect(existsSync(stream.worktreePath!)).toBe(false);
    expect(branches()).toEqual(expect.arrayContaining([stream.branch, acp.branch]));
    expect((await getTrial(trialId))!.tries.map((t) => t.chosen)).toEqual([false, true]);

    // Metrics compare the agents per phase.
    const { agents } = await getMetrics({ projectId, epicId });
    expect(agents).toEqual([
      expect.objectContaining({
        phase: "ANALYZER",
        agent: "demo",
        model: null,
        runs: 1,
        firstTimeSuccessRate: 100,
      }),
      expect.objectContaining({
        phase: "ANALYZER",
        agent: "demo-acp",
        model: "demo-large",
        runs: 1,
        firstTimeSuccessRate: 100,
        avgCostUsd: 0.0123,
      }),
    ]);

    const again = await chooseTrialRun(manager, { trialId, runId: stream.id });
    expect(again).toMatchObject({ ok: false, code: "trial-decided" });
    expect(!again.ok && again.message).toContain("Demo agent (ACP)");
  });

  it("refuses what cannot be compared, saying what to fix, and starts nothing", async () => {
    const epicId = await freshEpic(projectId);
    const one = await runActionAs(ACTIONS.startTrial, manager, {
      epicId,
      tries: [{ agent: "codex" }],
    });
    expect(one).toMatchObject({ ok: false, code: "invalid-input" });
    expect(JSON.stringify(one)).toContain("Pick two or three agents (or models) to compare");
    const same = await runActionAs(ACTIONS.startTrial, manager, {
      epicId,
      tries: [{ agent: "demo-acp" }, { agent: "demo-acp", model: "" }],
    });
    expect(JSON.stringify(same)).toContain("Each try needs a different agent or model");
    const custom = await runActionAs(ACTIONS.startTrial, manager, {
      epicId,
      tries: [{ agent: "custom" }, { agent: "demo" }],
    });
    expect(JSON.stringify(custom)).toContain("agent is one of");
    expect(await db.run.count({ where: { epicId } })).toBe(0);
    expect(await db.trial.count({ where: { epicId } })).toBe(0);
  });
});

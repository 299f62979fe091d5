import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { controlRun, sendFeedback, startRun } from "@/lib/run-engine";
import { answerRunApproval } from "@/lib/services/decisions";
import { changedFiles } from "@/lib/services/worktrees";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic, runRow, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
afterEach(() => {
  delete process.env.HIVEBOARD_DEMO_FAULT;
});

async function start(epicId: string) {
  const r = await startRun(manager, { epicId });
  if (!r.ok) throw new Error(r.message);
  return r.data.runId;
}
const pendingApproval = (runId: string) =>
  waitFor("an approval request", async () =>
    (await events(runId)).find(
      (e) => e.kind === "approval_request" && !JSON.stringify(e).includes("answered"),
    ),
  );

describe("a run of the demo agent through the claude-code runner", () => {
  it("starts, streams numbered turns, mirrors todos, waits for approval, completes and moves the card", async () => {
    const epicId = await freshEpic(projectId, "Magic links");
    const runId = await start(epicId);
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).status).toBe("running");

    const request = await pendingApproval(runId);
    expect((await runRow(runId)).status).toBe("waiting");
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).status).toBe("waiting");
    const { requestId } = request.data as { requestId: string };
    expect(
      await answerRunApproval(manager, { runId, requestId, behavior: "allow", message: "" }),
    ).toMatchObject({ ok: true });

    const run = await ended(runId);
    expect(run).toMatchObject({ status: "completed", runner: "demo", error: null });
    expect(run.turns).toBeGreaterThanOrEqual(8);
    expect(run.costUsd).toBeGreaterThan(0);
    expect(run.sessionId).toBeTruthy();

    const all = await events(runId);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const kinds = all.map((e) => e.kind);
    for (const k of [
      "status",
      "prompt",
      "init",
      "turn",
      "text",
      "tool_use",
      "tool_result",
      "todo_update",
      "approval_request",
      "approval_answer",
      "result",
    ])
      expect(kinds).toContain(k);
    // The SDK-style handshake was answered: the agent said who it is.
    expect(all.find((e) => e.kind === "agent_info")!.data).toEqual({
      version: "hiveboard-demo",
      credentials: "demo",
    });
    expect(all.find((e) => e.kind === "prompt")!.data).toMatchObject({
      text: expect.stringContaining("Magic links"),
    });
    expect(
      JSON.stringify(
        all.find((e) => e.kind === "tool_result" && JSON.stringify(e.data).includes("12 passed")),
      ),
    ).toBeTruthy();

    const epic = await db.epic.findUniqueOrThrow({
      where: { id: epicId },
      include: { todos: true },
    });
    expect(epic).toMatchObject({ phase: "BUILDER", status: "idle", sessionId: run.sessionId });
    const agentTodos = epic.todos.filter((t) => t.source === "agent");
    expect(agentTodos.map((t) => t.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
    ]);

    // It worked in its own git worktree and branch; the files it wrote show as changed.
    expect(epic.branch).toMatch(/^hiveboard\/epic-\d+-magic-links$/);
    expect(existsSync(path.join(epic.worktreePath!, "notes"))).toBe(true);
    expect((await changedFiles(epic.worktreePath!, "main")).map((f) => f.path)).toContain(
      `notes/${readdirSync(path.join(epic.worktreePath!, "notes"))[0]}`,
    );
  });

  it("delivers feedback mid-run, once per client key, and sees it acknowledged by the next turn", async () => {
    // Sent while the agent waits on its tool approval (a state, not a moment): it takes the message
    // in with its next step, whatever the machine's load.
    const runId = await start(await freshEpic(projectId));
    const { requestId } = (await pendingApproval(runId)).data as { requestId: string };
    const input = {
      runId,
      message: "Use tabs, not spaces",
      mode: "send" as const,
      clientKey: "key-tabs-0001",
    };
    const first = await sendFeedback(manager, input);
    const again = await sendFeedback(manager, input);
    expect(first).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(again).toMatchObject({
      ok: true,
      data: { duplicate: true, feedbackId: first.ok && first.data.feedbackId },
    });
    await waitFor(
      "delivered",
      async () => (await db.feedback.findFirstOrThrow({ where: { runId } })).status === "delivered",
    );
    await answerRunApproval(manager, { runId, requestId, behavior: "allow", message: "" });
    const fb = await waitFor("acknowledged", async () => {
      const f = await db.feedback.findFirstOrThrow({ where: { runId } });
      return f.status === "acknowledged" ? f : null;
    });
    expect(fb.deliveredAt!.getTime()).toBeLessThanOrEqual(fb.acknowledgedAt!.getTime());
    expect((await ended(runId)).status).toBe("completed");
    const texts = (await events(runId))
      .filter((e) => e.kind === "text")
      .map((e) => (e.data as { text: string }).text);
    expect(texts.filter((t) => t.includes("Use tabs, not spaces"))).toHaveLength(1);
    const receipts = (await events(runId))
      .filter((e) => e.kind === "feedback")
      .map((e) => (e.data as { status: string }).status);
    expect(receipts).toEqual(["queued", "delivered", "acknowledged"]);
  });

  it("interrupts the current step and sends, then goes on with the message", async () => {
    // Interrupted while it waits on its approval, so there is always a step to interrupt.
    const runId = await start(await freshEpic(projectId));
    const { requestId: asked } = (await pendingApproval(runId)).data as { requestId: string };
    await sendFeedback(manager, {
      runId,
      message: "Stop and add logging first",
      mode: "interrupt",
      clientKey: "key-interrupt-1",
    });
    const again = await waitFor("the approval asked again", () =>
      db.decision.findFirst({ where: { runId, status: "open", NOT: { requestId: asked } } }),
    );
    await answerRunApproval(manager, {
      runId,
      requestId: again.requestId!,
      behavior: "allow",
      message: "",
    });
    const run = await ended(runId);
    expect(run.status).toBe("completed");
    const all = await events(runId);
    const results = all
      .filter((e) => e.kind === "result")
      .map((e) => (e.data as { subtype: string }).subtype);
    expect(results).toEqual(["error_during_execution", "success"]);
    expect(
      all.some(
        (e) =>
          e.kind === "text" &&
          (e.data as { text: string }).text.includes("Stop and add logging first"),
      ),
    ).toBe(true);
    expect((await db.feedback.findFirstOrThrow({ where: { runId } })).status).toBe("acknowledged");
  });

  it("is denied a tool and hears why", async () => {
    const runId = await start(await freshEpic(projectId));
    const { requestId } = (await pendingApproval(runId)).data as { requestId: string };
    await answerRunApproval(manager, {
      runId,
      requestId,
      behavior: "deny",
      message: "Not on the shared CI box",
    });
    await ended(runId);
    const denied = (await events(runId)).find(
      (e) => e.kind === "tool_result" && (e.data as { isError: boolean }).isError,
    );
    expect((denied!.data as { content: string }).content).toContain("Not on the shared CI box");
  });

  it("is stopped or killed by a person", async () => {
    const stopped = await start(await freshEpic(projectId));
    await waitFor("a turn", async () => (await runRow(stopped)).turns >= 1);
    expect(await controlRun(manager, { runId: stopped }, "stop")).toMatchObject({ ok: true });
    expect(await ended(stopped)).toMatchObject({ status: "killed", error: "Stopped by a person." });

    const killedEpic = await freshEpic(projectId);
    const killed = await start(killedEpic);
    await waitFor("a turn", async () => (await runRow(killed)).turns >= 1);
    expect(await controlRun(manager, { runId: killed }, "kill")).toMatchObject({ ok: true });
    expect(await ended(killed)).toMatchObject({ status: "killed" });
    expect((await db.epic.findUniqueOrThrow({ where: { id: killedEpic } })).status).toBe("idle");
    expect(await controlRun(manager, { runId: killed }, "kill")).toMatchObject({
      ok: false,
      code: "run-ended",
    });
  });

  it("fails with the reason when the agent crashes, prints garbage and exits non-zero, keeping stderr", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "crash";
    const epicId = await freshEpic(projectId);
    const crash = await ended(await start(epicId));
    expect(crash).toMatchObject({
      status: "failed",
      error: "The agent exited with code 3 before reporting a result.",
    });
    expect(
      (await events(crash.id)).some(
        (e) => e.kind === "log" && JSON.stringify(e.data).includes("simulated crash"),
      ),
    ).toBe(true);
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).status).toBe("failed");

    process.env.HIVEBOARD_DEMO_FAULT = "garbage";
    const garbage = await ended(await start(await freshEpic(projectId)));
    expect(garbage.error).toBe("The agent exited with code 2 before reporting a result.");
    expect(
      (await events(garbage.id)).some(
        (e) => e.kind === "log" && JSON.stringify(e.data).includes("this is not json"),
      ),
    ).toBe(true);
  });

  it("times out and respects max turns", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "hang";
    const epicId = await freshEpic(projectId);
    await db.phase.updateMany({ where: { key: "ANALYZER" }, data: { timeoutSec: 1 } });
    const timedOut = await ended(await start(epicId));
    expect(timedOut).toMatchObject({ status: "timed_out", error: "Timed out after 1 s." });

    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { timeoutSec: 1800, maxTurns: 3 },
    });
    const limited = await ended(await start(await freshEpic(projectId)));
    expect(limited).toMatchObject({
      status: "failed",
      error: "Reached the limit of 3 turns.",
      turns: 3,
    });
    await db.phase.updateMany({ where: { key: "ANALYZER" }, data: { maxTurns: 30 } });
  });

  it("continues a finished run's session as a follow-up when sent feedback", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const epicId = await freshEpic(projectId);
    const first = await ended(await start(epicId));
    const sent = await sendFeedback(manager, {
      runId: first.id,
      message: "Also add a changelog entry",
      mode: "send",
      clientKey: "key-followup-1",
    });
    expect(sent.ok && sent.data.runId).not.toBe(first.id);
    const followUp = await ended(sent.ok ? sent.data.runId : "");
    expect(followUp).toMatchObject({
      parentRunId: first.id,
      sessionId: first.sessionId,
      phase: "ANALYZER",
      status: "completed",
    });
    const texts = (await events(followUp.id))
      .filter((e) => e.kind === "text")
      .map((e) => (e.data as { text: string }).text);
    expect(texts[0]).toContain("Resuming our session");
    expect((await db.feedback.findFirstOrThrow({ where: { runId: followUp.id } })).status).toBe(
      "acknowledged",
    );
    const repeat = await sendFeedback(manager, {
      runId: first.id,
      message: "Also add a changelog entry",
      mode: "send",
      clientKey: "key-followup-1",
    });
    expect(repeat).toMatchObject({ ok: true, data: { duplicate: true, runId: followUp.id } });
  });

  it("refuses a second run of a busy epic and a run of a Done epic", async () => {
    const epicId = await freshEpic(projectId);
    const runId = await start(epicId);
    expect(await startRun(manager, { epicId })).toMatchObject({
      ok: false,
      code: "run-in-progress",
    });
    await controlRun(manager, { runId }, "kill");
    await ended(runId);
    await db.epic.update({ where: { id: epicId }, data: { phase: "DONE" } });
    expect(await startRun(manager, { epicId })).toMatchObject({ ok: false, code: "epic-done" });
  });
});

// Runs of a phase whose agent speaks ACP (the bundled ACP demo agent), through the real engine:
// the pipeline names the agent, the run records it, the plan becomes the epic's todos, a message
// sent mid-turn says it waits for the turn's end before it is delivered and acted on, and a
// permission request is a tool approval like any other.
import { describe, expect, it } from "vitest";
import { controlRun, sendFeedback, startRun } from "@/lib/run-engine";
import { answerRunApproval } from "@/lib/services/decisions";
import { getPipelineSpec, savePipelineYaml } from "@/lib/services/pipelines";
import { pipelineToYaml } from "@/lib/schemas/pipeline-yaml";
import { freshDb, makeProject, manager } from "../setup/db";
import { allowToolApproval, ended, endedRun, events, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();

/** A project whose first phase runs `agent` (the rest as seeded). */
async function projectWithAgent(agent: string, model: string | null = null) {
  const project = await makeProject();
  const spec = (await getPipelineSpec(project.id))!;
  spec.phases[0] = { ...spec.phases[0], agent: agent as never, model };
  const saved = await savePipelineYaml(manager, {
    projectId: project.id,
    yaml: pipelineToYaml(spec),
  });
  if (!saved.ok) throw new Error(saved.message);
  return project.id;
}

const openApproval = (runId: string) =>
  waitFor("a tool approval", () =>
    db.decision.findFirst({ where: { runId, status: "open", source: "tool_approval" } }),
  );

describe("a phase run by an ACP agent", () => {
  it("runs with the agent the pipeline names, mirrors its plan as todos, and completes", async () => {
    const projectId = await projectWithAgent("demo-acp", "demo-large");
    const phase = await db.phase.findFirstOrThrow({
      where: { pipeline: { projectId }, position: 0 },
    });
    expect(phase).toMatchObject({ runner: "acp", agent: "demo-acp", model: "demo-large" });
    const epicId = await freshEpic(projectId, "Health check over ACP");
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    const approval = await allowToolApproval(r.data.runId);
    expect(approval.title).toBe("Allow run npm test?");
    const run = await ended(r.data.runId);
    expect(run).toMatchObject({
      status: "completed",
      runner: "acp",
      agent: "demo-acp",
      model: "demo-large",
      costUsd: 0.0123,
    });
    const all = await events(run.id);
    const texts = all
      .filter((e) => e.kind === "text")
      .map((e) => (e.data as { text: string }).text);
    expect(texts[0]).toMatch(/^Starting: Analyze the requirements of Health check over ACP/);
    expect(texts.at(-1)).toMatch(/Tests pass\.$/);
    expect(all.some((e) => e.kind === "thought")).toBe(true);
    const epic = await db.epic.findUniqueOrThrow({
      where: { id: epicId },
      include: { todos: true },
    });
    expect(epic.todos.filter((t) => t.source === "agent").map((t) => t.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
    ]);
    expect(epic.phase).not.toBe(phase.key); // the gate passed: the card moved on
  });

  it("holds a mid-turn message until the turn ends, saying so, then delivers it and sees it acted on", async () => {
    const projectId = await projectWithAgent("demo-acp");
    const r = await startRun(manager, { epicId: await freshEpic(projectId, "Steer me") });
    if (!r.ok) throw new Error(r.message);
    const runId = r.data.runId;
    const approval = await openApproval(runId);
    const sent = await sendFeedback(manager, {
      runId,
      message: "Mention the changelog",
      mode: "send",
      clientKey: "acp-key-0001",
    });
    expect(sent.ok).toBe(true);
    const waiting = await waitFor("the queued receipt with its reason", async () =>
      (await events(runId)).find(
        (e) => e.kind === "feedback" && (e.data as { note?: string }).note,
      ),
    );
    expect(waiting.data).toMatchObject({
      status: "queued",
      note: "queued until the turn ends (this agent takes messages between turns)",
    });
    expect((await db.feedback.findFirstOrThrow({ where: { runId } })).status).toBe("queued");
    await answerRunApproval(manager, {
      runId,
      requestId: approval.requestId!,
      behavior: "allow",
      message: "",
    });
    expect((await ended(runId)).status).toBe("completed");
    expect((await db.feedback.findFirstOrThrow({ where: { runId } })).status).toBe("acknowledged");
    const receipts = (await events(runId))
      .filter((e) => e.kind === "feedback")
      .map((e) => (e.data as { status: string }).status);
    expect(receipts).toEqual(["queued", "queued", "delivered", "acknowledged"]);
    const texts = (await events(runId))
      .filter((e) => e.kind === "text")
      .map((e) => (e.data as { text: string }).text);
    expect(texts.at(-1)).toContain("Mention the changelog");
  });

  it("fails a run whose ACP agent is not installed, saying how to install it", async () => {
    const projectId = await projectWithAgent("goose");
    const r = await startRun(manager, { epicId: await freshEpic(projectId) });
    if (!r.ok) throw new Error(r.message);
    const run = await ended(r.data.runId);
    expect(run).toMatchObject({ status: "failed", runner: "acp", agent: "goose" });
    expect(run.error).toContain("Goose is not installed on this server");
  });

  it("does not continue another agent's session: a Claude-protocol session stays with its agent", async () => {
    const projectId = await projectWithAgent("demo-acp");
    const epicId = await freshEpic(projectId);
    await db.epic.update({ where: { id: epicId }, data: { sessionId: "stream-session-1" } });
    const earlier = await endedRun(projectId, epicId);
    await db.run.update({
      where: { id: earlier },
      data: { agent: "demo", sessionId: "stream-session-1" },
    });
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    const run = await db.run.findUniqueOrThrow({ where: { id: r.data.runId } });
    expect(run.resumeFrom).toBeNull();
    await controlRun(manager, { runId: run.id }, "kill");
    expect((await ended(run.id)).status).toBe("killed");
  });
});

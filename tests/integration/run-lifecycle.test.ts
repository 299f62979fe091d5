// The run engine's lifecycle rules against the real demo agent: a run that asked a person ends
// only on the agent's result after the answer, however fast the answer comes; an interrupt, stop
// or kill withdraws what the run waited on; the agent's own withdrawal of a prompt is honoured.
import { afterEach, describe, expect, it } from "vitest";
import { controlRun, sendFeedback, startRun } from "@/lib/run-engine";
import { answerDecision, answerRunApproval } from "@/lib/services/decisions";
import { actorOf } from "../setup/actors";
import { freshDb, manager } from "../setup/db";
import {
  demoProjectId,
  ended,
  events,
  freshEpic,
  runRow,
  seqsInOrder,
  waitFor,
} from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const approver = actorOf("approver");
let k = 0;
const key = () => `lifecycle-key-${++k}`;
afterEach(() => {
  delete process.env.HIVEBOARD_DEMO_FAULT;
});

async function start(title: string) {
  const epicId = await freshEpic(projectId, title);
  const r = await startRun(manager, { epicId });
  if (!r.ok) throw new Error(r.message);
  return { epicId, runId: r.data.runId };
}
const openDecision = (runId: string, source: string) =>
  waitFor(`an open ${source} decision`, () =>
    db.decision.findFirst({
      where: { runId, source, status: "open" },
      orderBy: { createdAt: "desc" },
    }),
  );
const results = async (runId: string) =>
  (await events(runId))
    .filter((e) => e.kind === "result")
    .map((e) => e.data as { subtype: string; text: string | null });
const agentTodos = (epicId: string, phase: string) =>
  db.todo.findMany({ where: { epicId, phase, source: "agent" }, orderBy: { position: "asc" } });

describe("a run waiting on a decision", () => {
  for (const delay of [0, 100, 1000]) {
    it(`answered ${delay} ms after the question goes on and ends only on the agent's result after the answer`, async () => {
      process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
      const { epicId, runId } = await start(`Sessions need a decision (${delay} ms)`);
      const d = await openDecision(runId, "agent");
      if (delay) await new Promise((r) => setTimeout(r, delay));
      expect(
        await answerDecision(approver, {
          decisionId: d.id,
          option: "B",
          comment: "",
          clientKey: key(),
        }),
      ).toMatchObject({ ok: true });
      const run = await ended(runId);
      expect(run).toMatchObject({ status: "completed", error: null });
      // The question's query ended with a result; the answer started the query that did the work.
      const all = await results(runId);
      expect(all.length).toBe(2);
      expect(all[0].text).toBe("Waiting for a decision.");
      expect(all[1].text).toMatch(/^Done: /);
      expect(run.turns).toBeGreaterThan(6);
      expect((await agentTodos(epicId, "ANALYZER")).map((t) => t.status)).toEqual([
        "completed",
        "completed",
        "completed",
        "completed",
      ]);
      const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      expect(epic).toMatchObject({ phase: "BUILDER", status: "idle" });
      expect(await seqsInOrder(runId)).toBe(true);
    });
  }

  it("shows waiting, never finished, until the answer comes", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const { runId } = await start("Wait for the decision");
    const d = await openDecision(runId, "agent");
    // The agent's first query is over (its result is in); the run still waits for a person.
    await waitFor("the question's result", async () => (await results(runId)).length === 1);
    expect(await runRow(runId)).toMatchObject({ status: "waiting", endedAt: null });
    await answerDecision(approver, {
      decisionId: d.id,
      option: "A",
      comment: "",
      clientKey: key(),
    });
    expect((await ended(runId)).status).toBe("completed");
  });
});

describe("withdrawing what a run waits on", () => {
  it("interrupt and send while a tool approval waits: the card is withdrawn, the agent asks again once, the stale answer does nothing", async () => {
    const { runId } = await start("Interrupt while asking");
    const first = await openDecision(runId, "tool_approval");
    expect((await runRow(runId)).status).toBe("waiting");
    expect(
      await sendFeedback(manager, {
        runId,
        message: "Add logging first",
        mode: "interrupt",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: true });
    const withdrawn = await waitFor("the withdrawal", async () => {
      const d = await db.decision.findUniqueOrThrow({ where: { id: first.id } });
      return d.status === "withdrawn" ? d : null;
    });
    expect(withdrawn.answerComment).toBe(
      "Withdrawn: Mia Manager interrupted the run to say something else.",
    );
    // The agent starts over with the message and asks again: one open card, not two.
    const second = await waitFor("a new approval", () =>
      db.decision.findFirst({
        where: { runId, source: "tool_approval", status: "open", NOT: { id: first.id } },
      }),
    );
    expect(await db.decision.count({ where: { runId, status: "open" } })).toBe(1);
    const stale = await answerRunApproval(approver, {
      runId,
      requestId: first.requestId!,
      behavior: "allow",
      message: "",
    });
    expect(stale).toMatchObject({ ok: false, code: "approval-not-pending" });
    expect(stale.ok ? "" : stale.message).toContain("withdrawn");
    expect(
      await answerDecision(approver, {
        decisionId: first.id,
        option: "allow",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: false, code: "decision-withdrawn" });
    await answerDecision(approver, {
      decisionId: second.id,
      option: "allow",
      comment: "",
      clientKey: key(),
    });
    const run = await ended(runId);
    expect(run.status).toBe("completed");
    expect((await results(runId)).map((r) => r.subtype)).toEqual([
      "error_during_execution",
      "success",
    ]);
    expect((await db.feedback.findFirstOrThrow({ where: { runId } })).status).toBe("acknowledged");
    expect((await events(runId)).some((e) => e.kind === "approval_withdrawn")).toBe(true);
  });

  it("stop while feedback is in flight: the run ends killed, its approval withdrawn, no message left dangling", async () => {
    const { epicId, runId } = await start("Stop with feedback in flight");
    const d = await openDecision(runId, "tool_approval");
    await sendFeedback(manager, {
      runId,
      message: "One more thing",
      mode: "send",
      clientKey: key(),
    });
    expect(await controlRun(manager, { runId }, "stop")).toMatchObject({ ok: true });
    expect(await ended(runId)).toMatchObject({ status: "killed", error: "Stopped by a person." });
    expect(await db.decision.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      status: "withdrawn",
      answerComment: "Withdrawn: the run was stopped by a person.",
    });
    const fb = await db.feedback.findFirstOrThrow({ where: { runId } });
    expect(["acknowledged", "failed"]).toContain(fb.status);
    expect(await db.epic.findUniqueOrThrow({ where: { id: epicId } })).toMatchObject({
      status: "idle",
      phase: "ANALYZER",
    });
    // Who asked for the stop and the message is in the audit log.
    const actions = (
      await db.auditLog.findMany({ where: { objectId: runId }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["run.start", "run.feedback", "run.stop", "run.killed"]),
    );
  });

  it("a kill writes its audit row and withdraws an open question", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const { runId } = await start("Kill while a decision waits");
    const d = await openDecision(runId, "agent");
    await controlRun(manager, { runId }, "kill");
    await ended(runId);
    expect((await db.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("withdrawn");
    expect(
      await db.auditLog.count({
        where: { objectId: runId, action: "run.kill", actorLabel: "Mia Manager" },
      }),
    ).toBe(1);
  });

  it("a permission prompt the agent withdraws itself is withdrawn on its card", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "withdraw-approval";
    process.env.HIVEBOARD_DEMO_PACE_MS = "150";
    try {
      const { runId } = await start("Agent withdraws its prompt");
      const d = await openDecision(runId, "tool_approval");
      const withdrawn = await waitFor("the agent's withdrawal", async () => {
        const row = await db.decision.findUniqueOrThrow({ where: { id: d.id } });
        return row.status === "withdrawn" ? row : null;
      });
      expect(withdrawn.answerComment).toBe("The agent withdrew this request.");
      await ended(runId);
      expect(
        (await events(runId)).find((e) => e.kind === "approval_withdrawn")!.data,
      ).toMatchObject({ requestId: d.requestId });
    } finally {
      process.env.HIVEBOARD_DEMO_PACE_MS = "15";
    }
  });
});

import { describe, expect, it } from "vitest";
import { answerDecision, createDecision, sweepDecisionDeadlines } from "@/lib/services/decisions";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { actorOf } from "../setup/actors";
import { demoProjectId, ended, events, freshEpic, runRow, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const approver = actorOf("approver");
let k = 0;
const key = () => `decision-key-${++k}`;

async function start(title: string) {
  const epicId = await freshEpic(projectId, title);
  const r = await startRun(manager, { epicId });
  if (!r.ok) throw new Error(r.message);
  return { epicId, runId: r.data.runId };
}
const openDecisionOf = (runId: string) =>
  waitFor("a decision", () => db.decision.findFirst({ where: { runId, status: "open" } }));
const texts = async (runId: string) =>
  (await events(runId))
    .filter((e) => e.kind === "text")
    .map((e) => (e.data as { text: string }).text);

describe("decisions from a run of the demo agent", () => {
  it("a tool approval becomes an Allow/Deny decision; allowing it lets the waiting run go on", async () => {
    const { epicId, runId } = await start("Approve the tests");
    const d = await openDecisionOf(runId);
    expect(d).toMatchObject({
      source: "tool_approval",
      title: "Allow running npm test?",
      urgency: "high",
      options: [
        { key: "allow" },
        { key: "always", label: "Always allow Bash(npm test:*) in this project" },
        { key: "deny" },
      ],
    });
    expect((await runRow(runId)).status).toBe("waiting");
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).status).toBe("waiting");
    expect(
      await answerDecision(approver, {
        decisionId: d.id,
        option: "allow",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: true });
    const run = await ended(runId);
    expect(run.status).toBe("completed");
    const answered = (await events(runId)).find((e) => e.kind === "decision_answered")!.data as {
      option: string;
      waitedMs: number;
      by: string;
      delivered: boolean;
    };
    expect(answered).toMatchObject({ option: "allow", by: "Approver Person", delivered: true });
    expect(answered.waitedMs).toBeGreaterThanOrEqual(0);
    expect(await db.decision.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      status: "answered",
      answerOption: "allow",
      answeredByLabel: "Approver Person",
    });
  });

  it("denying sends the approver's comment to the agent as the reason", async () => {
    const { runId } = await start("Deny the tests");
    const d = await openDecisionOf(runId);
    await answerDecision(approver, {
      decisionId: d.id,
      option: "deny",
      comment: "Not during the freeze",
      clientKey: key(),
    });
    await ended(runId);
    const result = (await events(runId)).find(
      (e) => e.kind === "tool_result" && (e.data as { isError: boolean }).isError,
    )!;
    expect((result.data as { content: string }).content).toContain("Not during the freeze");
  });

  it("a DECISION NEEDED line pauses the run until the answer comes back as a message", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const { runId } = await start("Session storage needs a decision");
    const d = await openDecisionOf(runId);
    expect(d).toMatchObject({
      source: "agent",
      title: "Store magic-link sessions as JWTs or as server sessions?",
      impact: "decides whether a sign-out takes effect at once",
      recommendation: { option: "B", why: "revocation is immediate" },
    });
    expect(d.options).toEqual([
      { key: "A", label: "JWT" },
      { key: "B", label: "Server sessions" },
    ]);
    // The agent ended its turn; the run waits, its process alive, for as long as it takes.
    await new Promise((r) => setTimeout(r, 400));
    expect((await runRow(runId)).status).toBe("waiting");
    expect(
      await answerDecision(approver, {
        decisionId: d.id,
        option: "B",
        comment: "Revocation matters",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: true });
    const run = await ended(runId);
    expect(run.status).toBe("completed");
    expect(
      (await texts(runId)).some(
        (t) =>
          t.startsWith("Thanks for deciding. Decision on") &&
          t.includes("Server sessions (B)") &&
          t.includes("Revocation matters"),
      ),
    ).toBe(true);
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("at the deadline applies the default (the run goes on), or escalates once without one", async () => {
    const { runId } = await start("Deadline with default");
    const d = await openDecisionOf(runId);
    await db.decision.update({
      where: { id: d.id },
      data: { deadline: new Date(Date.now() - 1000), defaultOption: "allow" },
    });
    const swept = await sweepDecisionDeadlines();
    expect(swept.applied).toContain(d.id);
    expect(await db.decision.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      status: "auto_applied",
      answerOption: "allow",
      answeredByLabel: "Hiveboard",
    });
    expect((await ended(runId)).status).toBe("completed");

    const epicId = await freshEpic(projectId, "Deadline without default");
    const asked = await createDecision(manager, {
      epicId,
      title: "Ship on Friday?",
      context: "",
      options: [
        { key: "yes", label: "Yes" },
        { key: "no", label: "No" },
      ],
      impact: "",
      urgency: "normal",
      answerRole: "approver",
    });
    const id = asked.ok ? asked.data.decisionId : "";
    await db.decision.update({ where: { id }, data: { deadline: new Date(Date.now() - 1000) } });
    expect((await sweepDecisionDeadlines()).escalated).toEqual([id]);
    expect((await sweepDecisionDeadlines()).escalated).toEqual([]);
    expect((await db.decision.findUniqueOrThrow({ where: { id } })).escalatedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { objectId: id, action: "decision.overdue" } })).toBe(
      1,
    );
  });
});

describe("a run that ends", () => {
  it("withdraws its open decisions at once, saying why, so no inbox waits on a run that cannot hear", async () => {
    const { runId } = await start("Killed while asking");
    const d = await openDecisionOf(runId);
    const { controlRun } = await import("@/lib/run-engine");
    await controlRun(manager, { runId }, "kill");
    await ended(runId);
    expect(await db.decision.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      status: "withdrawn",
      answerComment: "Withdrawn: the run was stopped by a person.",
    });
    expect(
      await answerDecision(approver, {
        decisionId: d.id,
        option: "allow",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: false, code: "decision-withdrawn" });
  });
});

describe("answering", () => {
  async function managerDecision(extra: object = {}) {
    const epicId = await freshEpic(projectId);
    const r = await createDecision(manager, {
      epicId,
      title: "Major dependency upgrade?",
      context: "React 20",
      options: [
        { key: "A", label: "Upgrade now" },
        { key: "B", label: "Wait a quarter" },
      ],
      impact: "Two weeks of work",
      urgency: "high",
      answerRole: "approver",
      ...extra,
    });
    if (!r.ok) throw new Error(r.message);
    return r.data.decisionId;
  }

  it("two approvers answering at once: exactly one wins, the other is told who and when", async () => {
    const id = await managerDecision();
    const a = { ...actorOf("approver"), id: "u-a", label: "Ana" };
    const b = { ...actorOf("approver"), id: "u-b", label: "Ben" };
    const results = await Promise.all([
      answerDecision(a, { decisionId: id, option: "A", comment: "", clientKey: key() }),
      answerDecision(b, { decisionId: id, option: "B", comment: "", clientKey: key() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    const row = await db.decision.findUniqueOrThrow({ where: { id } });
    expect(loser).toMatchObject({
      code: "already-answered",
      message: expect.stringContaining(`Already answered by ${row.answeredByLabel} at`),
    });
    expect(await db.auditLog.count({ where: { objectId: id, action: "decision.answer" } })).toBe(1);
  });

  it("the same client key twice answers once", async () => {
    const id = await managerDecision();
    const input = { decisionId: id, option: "A", comment: "", clientKey: "same-key-123" };
    expect(await answerDecision(approver, input)).toMatchObject({
      ok: true,
      data: { duplicate: false },
    });
    expect(await answerDecision(approver, input)).toMatchObject({
      ok: true,
      data: { duplicate: true },
    });
  });

  it("refuses an option not on the card, a role below the one named, and an expired decision", async () => {
    const id = await managerDecision({ answerRole: "manager" });
    expect(
      await answerDecision(actorOf("manager"), {
        decisionId: id,
        option: "Z",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({
      ok: false,
      code: "option-unknown",
      message: expect.stringContaining("A, B"),
    });
    expect(
      await answerDecision(approver, {
        decisionId: id,
        option: "A",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
      message: expect.stringContaining("managers or above"),
    });
    await db.decision.update({ where: { id }, data: { status: "expired" } });
    expect(
      await answerDecision(actorOf("manager"), {
        decisionId: id,
        option: "A",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: false, code: "decision-expired" });
  });
});

describe("an approval gate before a phase", () => {
  async function atDeployer() {
    const epicId = await freshEpic(projectId, "Ready to deploy");
    await db.epic.update({ where: { id: epicId }, data: { phase: "DEPLOYER" } });
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    return { epicId, runId: r.data.runId };
  }

  it("queues the run behind a gate decision; approving starts it", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const { epicId, runId } = await atDeployer();
    const gate = await db.decision.findFirstOrThrow({ where: { runId, source: "gate" } });
    expect(gate).toMatchObject({
      status: "open",
      title: expect.stringMatching(/^Start DEPLOYER for #\d+ “Ready to deploy”\?$/),
      options: [{ key: "approve" }, { key: "reject" }],
    });
    expect((await runRow(runId)).status).toBe("queued");
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).status).toBe("waiting");
    await new Promise((r) => setTimeout(r, 200));
    expect((await events(runId)).length).toBe(0); // nothing ran
    expect(
      await answerDecision(approver, {
        decisionId: gate.id,
        option: "approve",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: true });
    const run = await ended(runId);
    expect(run.status).toBe("completed");
    expect((await events(runId)).find((e) => e.kind === "status")!.data).toMatchObject({
      status: "running",
      note: "Approved at the gate by Approver Person",
    });
    expect((await db.epic.findUniqueOrThrow({ where: { id: epicId } })).phase).toBe("DONE");
    delete process.env.HIVEBOARD_DEMO_FAULT;
  });

  it("rejecting ends the run with who and why, and a restart leaves a gated run waiting", async () => {
    const { runId: rejected } = await atDeployer();
    const gate = await db.decision.findFirstOrThrow({ where: { runId: rejected, source: "gate" } });
    await answerDecision(approver, {
      decisionId: gate.id,
      option: "reject",
      comment: "Release freeze",
      clientKey: key(),
    });
    expect(await runRow(rejected)).toMatchObject({
      status: "failed",
      error: "Rejected at the gate by Approver Person: Release freeze",
    });

    const { runId: waiting } = await atDeployer();
    const { reconcileRuns } = await import("@/lib/run-engine");
    expect((await reconcileRuns()).failed).not.toContain(waiting);
    expect((await runRow(waiting)).status).toBe("queued");
  });
});

// People answer only what needs a person: permission rules answer tool prompts, a question already
// answered on the epic is answered again at once, and the developer steering a run may answer its
// approvals where the project says so. The demo epic goes through five phases with three answers.
import { afterEach, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { startRun } from "@/lib/run-engine";
import { answerDecision } from "@/lib/services/decisions";
import { addPermissionRule } from "@/lib/services/permission-rules";
import { setApprovalSettings } from "@/lib/services/project-settings";
import { actorOf } from "../setup/actors";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const approver = actorOf("approver");
const developer = actorOf("developer");
let k = 0;
const key = () => `people-key-${++k}`;
afterEach(async () => {
  delete process.env.HIVEBOARD_DEMO_FAULT;
  await db.permissionRule.deleteMany({ where: { projectId } });
  await db.project.update({ where: { id: projectId }, data: { developersAnswerApprovals: false } });
});

async function startPhase(epicId: string) {
  const r = await startRun(manager, { epicId });
  if (!r.ok) throw new Error(r.message);
  return r.data.runId;
}
const openDecision = (runId: string, source?: string) =>
  waitFor(`an open decision of run ${runId}`, () =>
    db.decision.findFirst({
      where: { runId, status: "open", ...(source ? { source } : {}) },
      orderBy: { createdAt: "asc" },
    }),
  );

describe("permission rules answer tool prompts", () => {
  it("an allow rule lets the agent run `npm test` with no card, saying which rule answered", async () => {
    expect(
      await addPermissionRule(manager, {
        projectId,
        rule: "Bash(npm test:*)",
        behavior: "allow",
        phase: null,
        epicId: null,
      }),
    ).toMatchObject({ ok: true });
    const runId = await startPhase(await freshEpic(projectId, "Allowed by rule"));
    expect((await ended(runId)).status).toBe("completed");
    expect(await db.decision.count({ where: { runId } })).toBe(0);
    const answer = (await events(runId)).find((e) => e.kind === "approval_answer")!.data;
    expect(answer).toMatchObject({
      behavior: "allow",
      rule: "Bash(npm test:*)",
      by: "Rule Bash(npm test:*) (allow, this project)",
    });
    expect(
      (await events(runId)).some(
        (e) => e.kind === "tool_result" && JSON.stringify(e.data).includes("12 passed"),
      ),
    ).toBe(true);
  });

  it("a deny rule scoped to the phase refuses with the rule's words; the same rule for another phase does not apply", async () => {
    await addPermissionRule(manager, {
      projectId,
      rule: "Bash",
      behavior: "deny",
      phase: "ANALYZER",
      epicId: null,
    });
    const runId = await startPhase(await freshEpic(projectId, "Denied by rule"));
    await ended(runId);
    const denied = (await events(runId)).find(
      (e) => e.kind === "tool_result" && (e.data as { isError: boolean }).isError,
    )!;
    expect((denied.data as { content: string }).content).toContain(
      "permission rule Bash denies this",
    );

    await db.permissionRule.deleteMany({ where: { projectId } });
    await addPermissionRule(manager, {
      projectId,
      rule: "Bash",
      behavior: "deny",
      phase: "TESTER",
      epicId: null,
    });
    const asked = await startPhase(await freshEpic(projectId, "Rule of another phase"));
    const d = await openDecision(asked, "tool_approval");
    await answerDecision(approver, {
      decisionId: d.id,
      option: "allow",
      comment: "",
      clientKey: key(),
    });
    expect((await ended(asked)).status).toBe("completed");
  });

  it("refuses a rule it cannot read, a phase the pipeline lacks, and a duplicate, saying what to fix", async () => {
    // Through the action catalog, as every entrance reaches it: zod first, then the service.
    const add = (input: object) =>
      runActionAs(ACTIONS.addPermissionRule, manager, { projectId, ...input });
    expect(await add({ rule: "Bash()", behavior: "allow" })).toMatchObject({
      ok: false,
      code: "invalid-input",
      fieldErrors: { rule: expect.stringContaining("empty parentheses") },
    });
    expect(await add({ rule: "Read", behavior: "sometimes" })).toMatchObject({
      ok: false,
      fieldErrors: { behavior: "Choose allow, deny or ask" },
    });
    expect(await add({ rule: "Read", behavior: "allow", phase: "SHIPPER" })).toMatchObject({
      ok: false,
      fieldErrors: { phase: "The pipeline has no phase SHIPPER." },
    });
    expect(await add({ rule: "Read", behavior: "allow", epicNumber: "99999" })).toMatchObject({
      ok: false,
      fieldErrors: { epicNumber: "This project has no epic #99999." },
    });
    expect(await add({ rule: "Read", behavior: "allow" })).toMatchObject({ ok: true });
    expect(await add({ rule: "Read", behavior: "deny" })).toMatchObject({
      ok: false,
      code: "rule-exists",
    });
    expect(await db.permissionRule.count({ where: { projectId } })).toBe(1);
  });

  it("'Always allow' on a card allows now and adds the project rule, so the next run is not asked", async () => {
    const first = await startPhase(await freshEpic(projectId, "Always allow once"));
    const d = await openDecision(first, "tool_approval");
    expect(
      await answerDecision(developer, {
        decisionId: d.id,
        option: "always",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await answerDecision(approver, {
        decisionId: d.id,
        option: "always",
        comment: "",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: true });
    expect((await ended(first)).status).toBe("completed");
    expect(
      await db.permissionRule.findMany({
        where: { projectId },
        select: { rule: true, behavior: true, createdBy: true },
      }),
    ).toEqual([{ rule: "Bash(npm test:*)", behavior: "allow", createdBy: "Approver Person" }]);
    const added = await db.permissionRule.findFirstOrThrow({ where: { projectId } });
    expect(
      await db.auditLog.count({
        where: {
          action: "permission_rule.create",
          objectId: added.id,
          actorLabel: "Approver Person",
        },
      }),
    ).toBe(1);
    const second = await startPhase(await freshEpic(projectId, "Not asked again"));
    expect((await ended(second)).status).toBe("completed");
    expect(await db.decision.count({ where: { runId: second } })).toBe(0);
  });
});

describe("the developer steering a run", () => {
  it("answers its tool approvals only where the project lets developers", async () => {
    const runId = await startPhase(await freshEpic(projectId, "Developer may not"));
    const d = await openDecision(runId, "tool_approval");
    expect(
      await runActionAs(ACTIONS.answerApproval, developer, {
        runId,
        requestId: d.requestId!,
        behavior: "allow",
        message: "",
      }),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
      message: expect.stringContaining("approvers or above"),
    });
    await answerDecision(approver, {
      decisionId: d.id,
      option: "allow",
      comment: "",
      clientKey: key(),
    });
    await ended(runId);

    expect(
      await setApprovalSettings(manager, { projectId, developersAnswerApprovals: true }),
    ).toMatchObject({ ok: true });
    const mine = await startPhase(await freshEpic(projectId, "Developer may"));
    const asked = await openDecision(mine, "tool_approval");
    expect(asked.answerRole).toBe("developer");
    // Through the action catalog, as the run page sends it.
    expect(
      await runActionAs(ACTIONS.answerApproval, developer, {
        runId: mine,
        requestId: asked.requestId!,
        behavior: "allow",
        message: "",
      }),
    ).toMatchObject({ ok: true });
    expect((await ended(mine)).status).toBe("completed");
  });
});

describe("a question already answered on the epic", () => {
  it("is answered with that answer at once, shown as such, and a person may change it before its deadline", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    const epicId = await freshEpic(projectId, "Sessions need a decision");
    const first = await startPhase(epicId);
    const asked = await openDecision(first, "agent");
    await answerDecision(approver, {
      decisionId: asked.id,
      option: "B",
      comment: "Revocation matters",
      clientKey: key(),
    });
    expect((await ended(first)).status).toBe("completed");

    delete process.env.HIVEBOARD_DEMO_FAULT; // this one asks for its tool too, so it is surely live when the answer changes
    const second = await startPhase(epicId); // BUILDER asks the same question
    const reused = await waitFor("the reused answer", () =>
      db.decision.findFirst({ where: { runId: second, source: "agent" } }),
    );
    expect(reused).toMatchObject({
      status: "auto_applied",
      answerOption: "B",
      reusedFromId: asked.id,
      answeredByLabel: "Earlier answer (Approver Person)",
    });
    expect(reused.answerComment).toContain("Revocation matters");
    const texts = async () =>
      (await events(second))
        .filter((e) => e.kind === "text")
        .map((e) => (e.data as { text: string }).text);
    await waitFor("the agent to hear the reused answer", async () =>
      (await texts()).some((t) => t.includes("Server sessions (B)")),
    );
    // Changed while the run is live (it waits on its tool approval now): the agent is told.
    const approval = await openDecision(second, "tool_approval");
    expect(
      await answerDecision(approver, {
        decisionId: reused.id,
        option: "A",
        comment: "JWTs after all",
        clientKey: key(),
      }),
    ).toMatchObject({ ok: true });
    expect(await db.decision.findUniqueOrThrow({ where: { id: reused.id } })).toMatchObject({
      status: "answered",
      answerOption: "A",
      answeredByLabel: "Approver Person",
    });
    await answerDecision(approver, {
      decisionId: approval.id,
      option: "allow",
      comment: "",
      clientKey: key(),
    });
    expect((await ended(second)).status).toBe("completed");
    expect(
      (await texts()).some((t) =>
        t.includes(
          'The answer to "Store magic-link sessions as JWTs or as server sessions?" changed: JWT (A)',
        ),
      ),
    ).toBe(true);
    expect(
      await db.auditLog.count({ where: { objectId: reused.id, action: "decision.change" } }),
    ).toBe(1);
    expect(
      await db.auditLog.count({ where: { objectId: reused.id, action: "decision.reuse" } }),
    ).toBe(1);
  });
});

describe("the demo epic through five phases", () => {
  it("needs at most three answers: one 'always allow', the decision once, the DEPLOYER approval", async () => {
    const epicId = await freshEpic(projectId, "Magic links need a decision");
    let answers = 0;
    const answer = async (decisionId: string, option: string) => {
      answers++;
      expect(
        await answerDecision(approver, { decisionId, option, comment: "", clientKey: key() }),
      ).toMatchObject({ ok: true });
    };
    const phases: string[] = [];
    for (;;) {
      const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      if (epic.phase === "DONE") break;
      phases.push(epic.phase);
      const runId = await startPhase(epicId);
      // Answer whatever needs a person until the run ends.
      for (;;) {
        const run = await waitFor("the run to end or ask", async () => {
          const r = await db.run.findUniqueOrThrow({ where: { id: runId } });
          const open = await db.decision.findFirst({ where: { epicId, status: "open" } });
          return (
            open ?? (["completed", "failed", "killed", "timed_out"].includes(r.status) ? r : null)
          );
        });
        if ("status" in run && !("source" in run)) break;
        const d = run as { id: string; source: string };
        await answer(
          d.id,
          d.source === "tool_approval" ? "always" : d.source === "gate" ? "approve" : "B",
        );
      }
      const after = await db.run.findUniqueOrThrow({ where: { id: runId } });
      expect(after.status).toBe("completed");
      expect(phases.length).toBeLessThanOrEqual(5);
    }
    expect(phases).toEqual(["ANALYZER", "BUILDER", "TESTER", "VALIDATOR", "DEPLOYER"]);
    expect(answers).toBe(3);
    const todos = await db.todo.findMany({ where: { epicId, source: "agent" } });
    expect(todos).toHaveLength(20);
    expect(new Set(todos.map((t) => t.phase))).toEqual(new Set(phases));
    expect(todos.every((t) => t.status === "completed")).toBe(true);
  }, 120_000);
});

describe("a rule for one epic", () => {
  it("applies to that epic's runs only", async () => {
    const mine = await freshEpic(projectId, "Only this epic may test");
    const number = (await db.epic.findUniqueOrThrow({ where: { id: mine } })).number;
    const added = await runActionAs(ACTIONS.addPermissionRule, manager, {
      projectId,
      rule: "Bash(npm test:*)",
      behavior: "allow",
      epicNumber: String(number),
    });
    expect(added).toMatchObject({ ok: true });
    expect((await db.permissionRule.findFirstOrThrow({ where: { projectId } })).epicId).toBe(mine);
    const allowed = await startPhase(mine);
    expect((await ended(allowed)).status).toBe("completed");
    expect(await db.decision.count({ where: { runId: allowed } })).toBe(0);
    const other = await startPhase(await freshEpic(projectId, "Another epic is asked"));
    const d = await openDecision(other, "tool_approval");
    await answerDecision(approver, {
      decisionId: d.id,
      option: "allow",
      comment: "",
      clientKey: key(),
    });
    expect((await ended(other)).status).toBe("completed");
  });
});

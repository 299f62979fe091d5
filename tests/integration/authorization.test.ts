// Every role against every server action: allowed ones get past authorization (and succeed where
// the fixture allows), refused ones get "forbidden" and leave the database exactly as it was.
import { describe, expect, it } from "vitest";
import { liveRuns } from "@/lib/run-engine";
import { ACTIONS, type ActionName } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { generateKey } from "@/lib/auth/api-keys";
import { can, ROLES } from "@/lib/domain/permissions";
import { freshDb } from "../setup/db";
import { actorOf, ANONYMOUS } from "../setup/actors";
import { demoProjectId, ended, endedRun as endedRunOn, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
// Runs in this test end at once: the first phase runs `true`.
await db.phase.updateMany({
  where: { key: "ANALYZER" },
  data: { runner: "command", command: "true" },
});

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
const endedRun = async () => endedRunOn(projectId, await freshEpic(projectId), "command");

const openDecision = async () =>
  db.decision.create({
    data: {
      projectId,
      epicId: await freshEpic(projectId),
      source: "manager",
      title: "Pick",
      options: [
        { key: "A", label: "a" },
        { key: "B", label: "b" },
      ],
    },
  });

/** A valid input for each action, built fresh for every call, and what "allowed" looks like. */
const FIXTURES: Record<ActionName, { input: () => Promise<unknown>; allowed: "ok" | string }> = {
  createProject: {
    input: async () => ({ name: "P", slug: `p-${uniq()}`, repo: "", defaultBranch: "main" }),
    allowed: "ok",
  },
  updateProject: {
    input: async () => ({
      id: projectId,
      name: "Demo: Acme web app",
      slug: "demo",
      repo: (await db.project.findUniqueOrThrow({ where: { id: projectId } })).repo,
      defaultBranch: "main",
    }),
    allowed: "ok",
  },
  createPattern: {
    input: async () => ({ name: `Pattern ${uniq()}`, tags: ["async"] }),
    allowed: "ok",
  },
  updatePattern: {
    input: async () => ({
      id: (await db.pattern.create({ data: { name: `P ${uniq()}`, tags: [] } })).id,
      name: `Renamed ${uniq()}`,
    }),
    allowed: "ok",
  },
  savePipeline: {
    input: async () => ({
      projectId,
      yaml: (await import("@/lib/schemas/pipeline-yaml")).pipelineToYaml(
        (await (await import("@/lib/services/pipelines")).getPipelineSpec(projectId))!,
      ),
    }),
    allowed: "ok",
  },
  addWebhook: { input: async () => ({ projectId, url: "http://127.0.0.1:9/hook" }), allowed: "ok" },
  setAutomagikServer: {
    input: async () => ({ projectId, url: "http://127.0.0.1:9", apiKey: "k-123" }),
    allowed: "ok",
  },
  removeWebhook: {
    input: async () => ({
      id: (
        await db.webhook.create({ data: { projectId, url: "http://127.0.0.1:9/x", secret: "s" } })
      ).id,
    }),
    allowed: "ok",
  },
  addPermissionRule: {
    input: async () => ({ projectId, rule: `Bash(echo ${uniq()}:*)`, behavior: "allow" }),
    allowed: "ok",
  },
  removePermissionRule: {
    input: async () => ({
      id: (
        await db.permissionRule.create({
          data: { projectId, rule: `Read(${uniq()}/**)`, behavior: "allow" },
        })
      ).id,
    }),
    allowed: "ok",
  },
  setApprovalSettings: {
    input: async () => ({ projectId, developersAnswerApprovals: false }),
    allowed: "ok",
  },
  saveProjectSettings: {
    input: async () => ({ projectId, variables: [{ name: `V_${uniq()}`, value: "x" }] }),
    allowed: "ok",
  },
  setProjectVariable: {
    input: async () => ({ projectId, name: `S_${uniq()}`, value: "s3cret", secret: true }),
    allowed: "ok",
  },
  createEpic: {
    input: async () => ({ projectId, title: "Authz epic", type: "feature", priority: "low" }),
    allowed: "ok",
  },
  updateEpic: {
    input: async () => ({
      id: await freshEpic(projectId),
      title: "Edited title",
      type: "bug",
      priority: "high",
    }),
    allowed: "ok",
  },
  moveEpic: {
    input: async () => ({ id: await freshEpic(projectId), to: "BUILDER" }),
    allowed: "ok",
  },
  deleteEpic: { input: async () => ({ id: await freshEpic(projectId) }), allowed: "ok" },
  removeWorktree: {
    input: async () => ({ id: await freshEpic(projectId) }),
    allowed: "no-worktree",
  },
  addTodo: {
    input: async () => ({ epicId: await freshEpic(projectId), content: "A todo" }),
    allowed: "ok",
  },
  updateTodo: {
    input: async () => ({
      id: (
        await db.todo.create({
          data: { epicId: await freshEpic(projectId), content: "x", position: 0 },
        })
      ).id,
      status: "completed",
    }),
    allowed: "ok",
  },
  deleteTodo: {
    input: async () => ({
      id: (
        await db.todo.create({
          data: { epicId: await freshEpic(projectId), content: "x", position: 0 },
        })
      ).id,
    }),
    allowed: "ok",
  },
  reorderTodos: {
    input: async () => {
      const epicId = await freshEpic(projectId);
      const a = await db.todo.create({ data: { epicId, content: "a", position: 0 } });
      const b = await db.todo.create({ data: { epicId, content: "b", position: 1 } });
      return { epicId, orderedIds: [b.id, a.id] };
    },
    allowed: "ok",
  },
  startRun: { input: async () => ({ epicId: await freshEpic(projectId) }), allowed: "ok" },
  startPhaseRun: {
    input: async () => ({ epicId: await freshEpic(projectId), prompt: "Go", maxTurns: 3 }),
    allowed: "ok",
  },
  // Past authorization, each stops at its first check (no agents start here).
  startTrial: {
    input: async () => {
      const epicId = await freshEpic(projectId);
      await db.epic.update({ where: { id: epicId }, data: { phase: "DONE" } });
      return { epicId, tries: [{ agent: "demo" }, { agent: "demo-acp" }] };
    },
    allowed: "epic-done",
  },
  chooseTrialRun: {
    input: async () => ({ trialId: "no-such-trial", runId: "no-such-run" }),
    allowed: "trial-not-found",
  },
  sendFeedback: {
    input: async () => ({ runId: await endedRun(), message: "Go on", clientKey: `key-${uniq()}` }),
    allowed: "ok",
  },
  addComment: {
    // A fresh epic has no worktree yet: nothing to comment on.
    input: async () => ({
      epicId: await freshEpic(projectId),
      path: "README.md",
      line: 1,
      body: "Why?",
    }),
    allowed: "diff-unavailable",
  },
  removeComment: { input: async () => ({ id: "no-such-comment" }), allowed: "comment-not-found" },
  sendComments: {
    input: async () => ({ epicId: await freshEpic(projectId), clientKey: `key-${uniq()}` }),
    allowed: "no-comments",
  },
  submitReview: {
    input: async () => ({
      epicId: await freshEpic(projectId),
      verdict: "approve",
      clientKey: `key-${uniq()}`,
    }),
    allowed: "ok",
  },
  mergeEpic: {
    input: async () => ({ epicId: await freshEpic(projectId) }),
    allowed: "merge-unavailable",
  },
  resolveConflicts: {
    input: async () => ({ id: await freshEpic(projectId) }),
    allowed: "merge-unavailable",
  },
  setForge: { input: async () => ({ projectId, gitRemote: "", forge: "" }), allowed: "ok" },
  openPullRequest: {
    input: async () => ({ epicId: await freshEpic(projectId) }),
    allowed: "forge-not-set",
  },
  syncPullRequest: {
    input: async () => ({ epicId: await freshEpic(projectId) }),
    allowed: "no-pull-request",
  },
  answerApproval: {
    input: async () => ({ runId: await endedRun(), requestId: "req-1", behavior: "allow" }),
    allowed: "approval-not-pending",
  },
  stopRun: { input: async () => ({ runId: await endedRun() }), allowed: "run-ended" },
  killRun: { input: async () => ({ runId: await endedRun() }), allowed: "run-ended" },
  answerDecision: {
    input: async () => ({
      decisionId: (await openDecision()).id,
      option: "A",
      clientKey: `key-${uniq()}`,
    }),
    allowed: "ok-if-rank",
  },
  createDecision: {
    input: async () => ({
      epicId: await freshEpic(projectId),
      title: "Pick one",
      options: [
        { key: "A", label: "a" },
        { key: "B", label: "b" },
      ],
    }),
    allowed: "ok",
  },
  requestDecision: {
    input: async () => ({
      epicId: await freshEpic(projectId),
      title: "Pick one, over MCP",
      options: [
        { key: "A", label: "a" },
        { key: "B", label: "b" },
      ],
    }),
    allowed: "ok",
  },
  createInvite: { input: async () => ({ role: "developer" }), allowed: "ok" },
  changeRole: {
    input: async () => ({
      userId: (
        await db.user.create({ data: { name: "U", email: `${uniq()}@x.io`, role: "viewer" } })
      ).id,
      role: "developer",
    }),
    allowed: "ok",
  },
  revokeSessions: {
    input: async () => ({
      userId: (await db.user.create({ data: { name: "U", email: `${uniq()}@x.io` } })).id,
    }),
    allowed: "ok",
  },
  setUserActive: {
    input: async () => ({
      userId: (await db.user.create({ data: { name: "U", email: `${uniq()}@x.io` } })).id,
      active: false,
    }),
    allowed: "ok",
  },
  revokeInvite: {
    input: async () => ({
      id: (
        await db.invite.create({
          data: { tokenHash: uniq(), role: "viewer", expiresAt: new Date(Date.now() + 86_400_000) },
        })
      ).id,
    }),
    allowed: "ok",
  },
  createApiKey: { input: async () => ({ name: "CI", role: "viewer" }), allowed: "ok" },
  revokeApiKey: {
    input: async () => ({
      id: (
        await db.apiKey.create({
          data: {
            name: "k",
            role: "viewer",
            ...(({ prefix, hash }) => ({ prefix, hash }))(generateKey()),
          },
        })
      ).id,
    }),
    allowed: "ok",
  },
};

/** How many runs there were when the audit log last stood still. */
let settledAtRuns = -1;

/** Row counts of every table that actions write, and the last audit id: "nothing changed" means equal. */
async function fingerprint() {
  // Runs started by earlier cases finish in the background (and write their audit rows, some just
  // after they let go of the run): wait for them, then for the audit log to stand still.
  await waitFor("earlier runs to finish", async () => liveRuns.size === 0);
  // Only runs write after their action returns: with no run started since the log last stood
  // still, there is nothing left to settle (this saves 150 ms on each of ~400 fingerprints).
  const runsNow = await db.run.count();
  if (runsNow !== settledAtRuns) {
    const lastAudit = async () => (await db.auditLog.aggregate({ _max: { id: true } }))._max.id;
    await waitFor("the audit log to settle", async () => {
      const before = await lastAudit();
      await new Promise((r) => setTimeout(r, 150));
      return before === (await lastAudit());
    });
    settledAtRuns = runsNow;
  }
  const [
    webhooks,
    projects,
    epics,
    liveEpics,
    todos,
    runs,
    feedback,
    invites,
    keys,
    users,
    sessions,
    audit,
  ] = await Promise.all([
    db.webhook
      .count()
      .then(
        async (w) =>
          `${w}/${await db.pattern.count()}/${(await db.pattern.findMany({ select: { name: true } })).map((p) => p.name).join(",")}/${await db.permissionRule.count()}`,
      ),
    db.project.count(),
    db.epic.count(),
    db.epic.count({ where: { deletedAt: null } }),
    db.todo.count(),
    db.run.count(),
    db.feedback.count(),
    db.invite.count(),
    db.apiKey.count({ where: { revokedAt: null } }),
    db.user.count(),
    db.session.count(),
    db.auditLog.aggregate({ _max: { id: true } }),
  ]);
  return {
    webhooks,
    projects,
    epics,
    liveEpics,
    todos,
    runs,
    feedback,
    invites,
    keys,
    users,
    sessions,
    audit: audit._max.id,
  };
}

describe("authorization of every server action by every role", () => {
  it("has a fixture for every action in the catalog", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const name of Object.keys(ACTIONS) as ActionName[]) {
    for (const role of ROLES) {
      const allowed = can(role, ACTIONS[name].permission);
      it(`${name} as ${role}: ${allowed ? "allowed" : "refused, nothing changes"}`, async () => {
        const input = await FIXTURES[name].input();
        const before = await fingerprint();
        const result = await runActionAs(ACTIONS[name] as never, actorOf(role), input);
        if (allowed) {
          if (FIXTURES[name].allowed === "ok" || FIXTURES[name].allowed === "ok-if-rank")
            expect(result).toMatchObject({ ok: true });
          else expect(result).toMatchObject({ ok: false, code: FIXTURES[name].allowed });
        } else {
          expect(result).toMatchObject({
            ok: false,
            code: "forbidden",
            message: expect.stringContaining(`(${role})`),
          });
          expect(await fingerprint()).toEqual(before);
        }
      });
    }
  }

  it("refuses every action to someone not signed in, changing nothing", async () => {
    for (const name of Object.keys(ACTIONS) as ActionName[]) {
      const input = await FIXTURES[name].input();
      const before = await fingerprint();
      expect(await runActionAs(ACTIONS[name] as never, ANONYMOUS, input)).toMatchObject({
        ok: false,
        code: "unauthenticated",
      });
      expect(await fingerprint()).toEqual(before);
    }
  });

  it("lets the runs started above finish", async () => {
    for (const run of await db.run.findMany({ where: { status: { in: ["queued", "running"] } } }))
      await ended(run.id);
  });
});

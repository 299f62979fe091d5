// Reviewing an epic's code on real git repositories with the demo agent behind the real runner:
// line comments written through REST on a run's diff, gathered and sent as one message, acted on
// by a follow-up run (or the running one) and marked addressed; verdicts settling a review gate.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/epics/[id]/comments/route";
import * as sendRoute from "@/app/api/v1/epics/[id]/comments/send/route";
import * as reviewRoute from "@/app/api/v1/epics/[id]/review/route";
import * as removeRoute from "@/app/api/v1/comments/[id]/route";
import { generateKey } from "@/lib/auth/api-keys";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { callRoute } from "../setup/rest";
import {
  allowToolApproval,
  completedDemoRun,
  demoProjectId,
  ended,
  freshEpic,
  waitFor,
} from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const keyOf = async (role: string, name: string) => {
  const k = generateKey();
  await db.apiKey.create({ data: { name, role, prefix: k.prefix, hash: k.hash } });
  return k.key;
};
const developer = await keyOf("developer", "dev");
const approver = await keyOf("approver", "appr");
const viewer = await keyOf("viewer", "view");
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

const call = (route: unknown, method: string, id: string, key: string, body?: unknown) =>
  callRoute(route, method, { id }, key, body);

const completedRun = completedDemoRun;

/** A file the run added, with its lines as the run left them. */
function addedFile(cwd: string, from: string, to: string) {
  const file = git(cwd, "diff", "--name-only", "--diff-filter=A", from, to)
    .split("\n")
    .find((f) => f.startsWith("notes/"))!;
  return { file, lines: git(cwd, "show", `${to}:${file}`).split("\n") };
}

describe("line comments to the agent", () => {
  it("gathers comments on two lines, sends them as one message to a follow-up run, which changes them: addressed", async () => {
    const epicId = await freshEpic(projectId, "Comment on me");
    const run = await completedRun(epicId);
    const cwd = (await db.epic.findUniqueOrThrow({ where: { id: epicId } })).worktreePath!;
    const { file, lines } = addedFile(cwd, run.startCommit!, run.endCommit!);

    // Bad input says what to fix, and nothing is written.
    const past = await call(commentsRoute, "POST", epicId, developer, {
      runId: run.id,
      path: file,
      line: 999,
      body: "x",
    });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({
      details: { line: `Line 999 is past the end of ${file} (${lines.length} lines)` },
    });
    const out = await call(commentsRoute, "POST", epicId, developer, {
      path: "../etc/passwd",
      line: 1,
      body: "x",
    });
    expect(out.status).toBe(422);
    expect(
      await call(commentsRoute, "POST", epicId, viewer, { path: file, line: 1, body: "x" }),
    ).toMatchObject({ status: 403 });
    expect(await db.reviewComment.count({ where: { epicId } })).toBe(0);

    for (const [line, body] of [
      [1, "Make the title say what the step does."],
      [3, "Say who wrote it in the past tense."],
    ] as const) {
      const r = await call(commentsRoute, "POST", epicId, developer, {
        runId: run.id,
        path: file,
        line,
        body,
      });
      expect(r).toMatchObject({ status: 201, body: { status: "draft" } });
    }
    // A third, removed before sending.
    const extra = await call(commentsRoute, "POST", epicId, developer, {
      runId: run.id,
      path: file,
      line: 2,
      body: "never mind",
    });
    expect((await call(removeRoute, "DELETE", extra.body.id, developer)).status).toBe(200);

    const listed = await call(commentsRoute, "GET", epicId, developer);
    expect(listed.body.comments).toHaveLength(2);
    expect(listed.body.comments[0]).toMatchObject({
      path: file,
      line: 1,
      quote: lines[0],
      status: "draft",
      mine: true,
    });
    // Drafts are their author's own until sent.
    expect((await call(commentsRoute, "GET", epicId, approver)).body.comments).toHaveLength(0);

    const sent = await call(sendRoute, "POST", epicId, developer, { clientKey: "send-key-1" });
    expect(sent).toMatchObject({ status: 200, body: { sent: 2, duplicate: false } });
    const again = await call(sendRoute, "POST", epicId, developer, { clientKey: "send-key-1" });
    expect(again.body).toMatchObject({ feedbackId: sent.body.feedbackId, duplicate: true });

    const followUpId = sent.body.runId as string;
    expect(followUpId).not.toBe(run.id);
    const feedback = await db.feedback.findUniqueOrThrow({ where: { id: sent.body.feedbackId } });
    expect(feedback.message).toContain("Review comments on your work (2), from API key “dev”:");
    expect(feedback.message).toContain(`1. ${file}, line 1:\n   > ${lines[0]}`);
    expect(feedback.message).toContain(`2. ${file}, line 3:\n   > ${lines[2]}`);

    await allowToolApproval(followUpId);
    const followUp = await ended(followUpId);
    expect(followUp).toMatchObject({ status: "completed", parentRunId: run.id });
    const now = readFileSync(path.join(cwd, file), "utf8").split("\n");
    expect(now[0]).toContain("(revised: Make the title say what the step does.)");
    expect(now[2]).toContain("(revised: Say who wrote it in the past tense.)");
    const comments = await db.reviewComment.findMany({ where: { epicId } });
    expect(comments.map((c) => [c.status, c.addressedRunId])).toEqual([
      ["addressed", followUpId],
      ["addressed", followUpId],
    ]);
  });

  it("sends into the running agent, which acts on them before it ends", async () => {
    const epicId = await freshEpic(projectId, "Comment while running");
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    // Waiting on its tool approval, the agent is mid-run: comment on the branch as it is now.
    const approval = waitFor("the approval", () =>
      db.decision.findFirst({ where: { runId: r.data.runId, source: "tool_approval" } }),
    );
    await approval;
    const c = await call(commentsRoute, "POST", epicId, developer, {
      path: "README.md",
      line: 1,
      body: "Name the app properly.",
    });
    expect(c.status).toBe(201);
    const sent = await call(sendRoute, "POST", epicId, developer, { clientKey: "send-key-2" });
    expect(sent.body).toMatchObject({ runId: r.data.runId, sent: 1 });
    await allowToolApproval(r.data.runId);
    expect((await ended(r.data.runId)).status).toBe("completed");
    const comment = await db.reviewComment.findUniqueOrThrow({ where: { id: c.body.id } });
    expect(comment).toMatchObject({ status: "addressed", addressedRunId: r.data.runId });
    const feedback = await db.feedback.findUniqueOrThrow({ where: { id: sent.body.feedbackId } });
    expect(feedback.status).toBe("acknowledged");
  });

  it("says there is nothing to send when there are no drafts", async () => {
    const epicId = await freshEpic(projectId, "Nothing to say");
    const r = await call(sendRoute, "POST", epicId, developer, { clientKey: "send-key-3" });
    expect(r).toMatchObject({ status: 409, body: { error: { code: "no-comments" } } });
  });
});

describe("review verdicts and the review gate", () => {
  it("holds the card until a person approves; requested changes go to a follow-up first", async () => {
    await db.phase.updateMany({
      where: { pipeline: { projectId }, key: "ANALYZER" },
      data: {
        gate: {
          runSucceeded: true,
          todosCompleted: true,
          metrics: [],
          approval: false,
          review: "person",
        },
      },
    });
    try {
      const epicId = await freshEpic(projectId, "Review me");
      const run = await completedRun(epicId);
      let epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      expect(epic).toMatchObject({ phase: "ANALYZER", status: "waiting" });
      expect(epic.lastGate).toMatchObject({ pending: true, passed: false });
      // No decision card: the review is given on the epic.
      expect(await db.decision.count({ where: { runId: run.id, source: "gate" } })).toBe(0);

      const cwd = epic.worktreePath!;
      const { file } = addedFile(cwd, run.startCommit!, run.endCommit!);
      await call(commentsRoute, "POST", epicId, approver, {
        runId: run.id,
        path: file,
        line: 1,
        body: "Too vague.",
      });
      const changes = await call(reviewRoute, "POST", epicId, approver, {
        verdict: "request_changes",
        body: "One remark.",
        clientKey: "verdict-1",
      });
      expect(changes).toMatchObject({
        status: 201,
        body: { verdict: "request_changes", movedTo: null },
      });
      const followUpId = (changes.body.sentTo as { runId: string }).runId;
      const message = (await db.feedback.findFirstOrThrow({ where: { runId: followUpId } }))
        .message;
      expect(message).toContain("Changes requested by API key “appr”: One remark.");
      expect(message).toContain(`1. ${file}, line 1:`);
      epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      expect(epic.phase).toBe("ANALYZER");

      await allowToolApproval(followUpId);
      await ended(followUpId);
      epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      expect(epic).toMatchObject({ phase: "ANALYZER", status: "waiting" });

      const approve = await call(reviewRoute, "POST", epicId, approver, {
        verdict: "approve",
        clientKey: "verdict-2",
      });
      expect(approve).toMatchObject({ status: 201, body: { movedTo: "BUILDER" } });
      // The same key again gives the verdict once.
      const twice = await call(reviewRoute, "POST", epicId, approver, {
        verdict: "approve",
        clientKey: "verdict-2",
      });
      expect(twice.body.reviewId).toBe(approve.body.reviewId);
      expect(await db.review.count({ where: { epicId } })).toBe(2);
      epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      expect(epic).toMatchObject({ phase: "BUILDER", status: "idle" });
    } finally {
      await db.phase.updateMany({
        where: { pipeline: { projectId }, key: "ANALYZER" },
        data: { gate: { runSucceeded: true, todosCompleted: true, metrics: [], approval: false } },
      });
    }
  });

  it("takes a reviewer agent's VERDICT line as its review", async () => {
    const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    await db.phase.updateMany({
      where: { pipeline: { projectId: project.id }, key: "ANALYZER" },
      data: {
        runner: "command",
        command: "echo 'Looked at it all.' && echo 'VERDICT: REQUEST_CHANGES'",
        gate: {
          runSucceeded: true,
          todosCompleted: false,
          metrics: [],
          approval: false,
          review: "agent",
        },
      },
    });
    try {
      const epicId = await freshEpic(projectId, "Agent reviews me");
      const r = await startRun(manager, { epicId });
      if (!r.ok) throw new Error(r.message);
      await ended(r.data.runId);
      const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
      expect(epic).toMatchObject({ phase: "ANALYZER", status: "idle" });
      expect(epic.lastGate).toMatchObject({ passed: false, pending: false });
      expect(await db.review.findFirst({ where: { epicId } })).toMatchObject({
        verdict: "request_changes",
        runId: r.data.runId,
      });

      await db.phase.updateMany({
        where: { pipeline: { projectId: project.id }, key: "ANALYZER" },
        data: { command: "echo 'VERDICT: APPROVE'" },
      });
      const again = await startRun(manager, { epicId });
      if (!again.ok) throw new Error(again.message);
      await ended(again.data.runId);
      expect(await db.epic.findUniqueOrThrow({ where: { id: epicId } })).toMatchObject({
        phase: "BUILDER",
      });
    } finally {
      await db.phase.updateMany({
        where: { pipeline: { projectId }, key: "ANALYZER" },
        data: {
          runner: "demo",
          command: null,
          gate: { runSucceeded: true, todosCompleted: true, metrics: [], approval: false },
        },
      });
    }
  });
});

// Merging an epic's branch into the default branch on the demo project's real repository: squash,
// merge and rebase; conflicts found before anything moves and listed; a run that resolves them
// (the demo agent behind the real runner), after which the merge goes through.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as mergeRoute from "@/app/api/v1/epics/[id]/merge/route";
import * as resolveRoute from "@/app/api/v1/epics/[id]/resolve-conflicts/route";
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
} from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const repo = path.resolve((await db.project.findUniqueOrThrow({ where: { id: projectId } })).repo);
const keyOf = async (role: string) => {
  const k = generateKey();
  await db.apiKey.create({ data: { name: role, role, prefix: k.prefix, hash: k.hash } });
  return k.key;
};
const developer = await keyOf("developer");
const approver = await keyOf("approver");
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@t", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

const call = (route: unknown, method: string, id: string, body?: unknown, key = developer) =>
  callRoute(route, method, { id }, key, body);

/** An epic whose first phase ran (demo agent, approval allowed): its branch has the run's files. */
async function workedEpic(title: string) {
  const epicId = await freshEpic(projectId, title);
  const run = await completedDemoRun(epicId);
  const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
  const added = git(epic.worktreePath!, "diff", "--name-only", run.startCommit!, run.endCommit!)
    .split("\n")
    .filter(Boolean);
  return { epicId, epic, run, added };
}

/** A commit on main made in the project's own checkout, as a person would. */
function commitOnMain(file: string, content: string) {
  writeFileSync(path.join(repo, file), content);
  git(repo, "add", file);
  git(repo, "commit", "-q", "-m", `Main changes ${file}`);
}

describe("merging an epic's branch", () => {
  it("squashes a clean branch into main as one commit; the checkout follows", async () => {
    const { epicId, epic, added } = await workedEpic("Squash me");
    const check = await call(mergeRoute, "GET", epicId);
    expect(check).toMatchObject({
      status: 200,
      body: { base: "main", branch: epic.branch, conflicts: [] },
    });
    expect(check.body.ahead).toBeGreaterThan(0);
    // Approvers review; they do not merge.
    expect((await call(mergeRoute, "POST", epicId, {}, approver)).status).toBe(403);
    const dry = await call(mergeRoute, "POST", epicId, { strategy: "squash", dryRun: true });
    expect(dry.body).toMatchObject({ merged: false, commit: null });
    const before = git(repo, "rev-parse", "main");
    expect(git(repo, "rev-parse", "main")).toBe(before);

    const merged = await call(mergeRoute, "POST", epicId, { strategy: "squash" });
    expect(merged).toMatchObject({ status: 200, body: { merged: true, strategy: "squash" } });
    expect(git(repo, "rev-parse", "main")).toBe(merged.body.commit);
    expect(git(repo, "rev-parse", "main^")).toBe(before);
    expect(git(repo, "log", "-1", "--format=%s %P", "main")).toBe(
      `#${epic.number} Squash me ${before}`,
    );
    // The project's checkout of main moved with it, clean, the files there.
    expect(git(repo, "status", "--porcelain")).toBe("");
    for (const f of added) expect(readFileSync(path.join(repo, f), "utf8")).not.toBe("");
    const audit = await db.auditLog.findFirst({ where: { action: "epic.merge", epicId } });
    expect(audit?.data).toMatchObject({ strategy: "squash", commit: merged.body.commit });
  });

  it("lists conflicts before anything moves, resolves them by a run, then merges", async () => {
    const { epicId, epic, added } = await workedEpic("Conflict with me");
    const file = added.find((f) => f.startsWith("notes/"))!;
    const ours = readFileSync(path.join(epic.worktreePath!, file), "utf8");
    commitOnMain(file, "# Written on main meanwhile\n");
    const head = git(repo, "rev-parse", "main");

    expect((await call(mergeRoute, "GET", epicId)).body).toMatchObject({ conflicts: [file] });
    const refused = await call(mergeRoute, "POST", epicId, { strategy: "merge" });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "merge-conflicts" } } });
    expect(refused.body.error).toMatchObject({ message: expect.stringContaining(file) });
    expect(git(repo, "rev-parse", "main")).toBe(head);

    const resolving = await call(resolveRoute, "POST", epicId);
    expect(resolving).toMatchObject({ status: 201, body: { conflicts: [file] } });
    const runId = resolving.body.runId as string;
    const task = (await db.run.findUniqueOrThrow({ where: { id: runId } })).prompt!;
    expect(task).toContain(`Hiveboard merged main into ${epic.branch}`);
    expect(task).toContain(`- ${file}`);
    await allowToolApproval(runId);
    expect((await ended(runId)).status).toBe("completed");

    const wt = epic.worktreePath!;
    expect(git(wt, "status", "--porcelain")).toBe("");
    expect(git(wt, "log", "-1", "--format=%P").split(" ")).toHaveLength(2);
    const resolved = readFileSync(path.join(wt, file), "utf8");
    expect(resolved).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    expect(resolved).toContain("# Written on main meanwhile");
    expect(resolved).toContain(ours.split("\n")[0]);

    expect((await call(mergeRoute, "GET", epicId)).body).toMatchObject({
      conflicts: [],
      behind: 0,
    });
    const merged = await call(mergeRoute, "POST", epicId, { strategy: "merge" });
    expect(merged).toMatchObject({ status: 200, body: { merged: true } });
    expect(git(repo, "log", "-1", "--format=%P", "main").split(" ")).toHaveLength(2);
    expect(readFileSync(path.join(repo, file), "utf8")).toBe(resolved);
    expect(await call(mergeRoute, "POST", epicId, { strategy: "merge" })).toMatchObject({
      status: 409,
      body: { error: { code: "nothing-to-merge" } },
    });
  });

  it("rebases the branch onto main and fast-forwards main: a straight line", async () => {
    const { epicId, epic } = await workedEpic("Rebase me");
    commitOnMain("UNRELATED.md", "Another epic's work\n");
    const head = git(repo, "rev-parse", "main");
    const merged = await call(mergeRoute, "POST", epicId, { strategy: "rebase" });
    expect(merged).toMatchObject({ status: 200, body: { merged: true, strategy: "rebase" } });
    expect(git(repo, "rev-parse", "main")).toBe(git(epic.worktreePath!, "rev-parse", "HEAD"));
    expect(git(repo, "rev-list", "--count", `${head}..main`)).toBe(
      git(epic.worktreePath!, "rev-list", "--count", `${head}..HEAD`),
    );
    expect(git(repo, "rev-list", "--merges", "--count", `${head}..main`)).toBe("0");
    expect(git(repo, "merge-base", "--is-ancestor", head, "main")).toBe("");
    expect(git(repo, "status", "--porcelain")).toBe("");
  });

  it("refuses while a run works on the branch, and says why a scratch epic cannot merge", async () => {
    const epicId = await freshEpic(projectId, "Busy");
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    await db.run.findUniqueOrThrow({ where: { id: r.data.runId } });
    const busy = await call(mergeRoute, "POST", epicId, { strategy: "merge" });
    // Before its first run makes a worktree, or while it runs: either way, no merge.
    expect(["run-in-progress", "merge-unavailable"]).toContain(
      (busy.body.error as { code: string }).code,
    );
    await allowToolApproval(r.data.runId);
    await ended(r.data.runId);
    const fresh = await freshEpic(projectId, "No branch yet");
    expect(await call(mergeRoute, "GET", fresh)).toMatchObject({
      status: 409,
      body: { error: { code: "merge-unavailable" } },
    });
  });
});

import "server-only";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import { activeRunOf } from "@/lib/db/runs";
import type { MergeStrategy } from "@/lib/domain/review";
import type { ActionResult } from "@/lib/schemas/common";
import type { MergeCheck, MergeSchema } from "@/lib/schemas/review";
import { commitChange, fail } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";
import { git, isGitRepository } from "./worktrees";

// Merging an epic's branch into the project's default branch: merge, squash or rebase. Conflicts
// are found first without touching any checkout (git merge-tree --write-tree), and listed; the new
// commit is made with plumbing and the default branch moved to it (fast-forward where it is
// checked out, so a person's checkout follows along and nothing of theirs is overwritten).

const exec = promisify(execFile);
const IDENTITY = ["-c", "user.name=Hiveboard", "-c", "user.email=hiveboard@localhost"];

export type MergeOutcome = MergeCheck & {
  merged: boolean;
  strategy: MergeStrategy;
  commit: string | null;
};

type Ready = {
  epic: { id: string; number: number; title: string; description: string; projectId: string };
  repo: string;
  worktree: string;
  base: string;
  branch: string;
};

/** Where the epic's branch stands, or why it cannot be merged from here. */
export async function mergeReady(
  epicId: string,
): Promise<{ ok: true; ready: Ready } | { ok: false; code: string; message: string }> {
  const db = getDb();
  const epic = await findLiveEpic(db, epicId);
  if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
  const project = await db.project.findUniqueOrThrow({ where: { id: epic.projectId } });
  const repo = path.resolve(project.repo || ".");
  if (
    !project.repo ||
    !epic.branch ||
    !epic.worktreePath ||
    !(await isGitRepository(repo)) ||
    !(await isGitRepository(epic.worktreePath))
  )
    return fail(
      "merge-unavailable",
      "This epic has no branch in a git repository on this server to merge (it gets one at its first run in one).",
    );
  return {
    ok: true,
    ready: {
      epic,
      repo,
      worktree: epic.worktreePath,
      base: project.defaultBranch,
      branch: epic.branch,
    },
  };
}

/** Files that would conflict merging `branch` into `base`, found without touching a checkout. */
async function conflictsOf(repo: string, base: string, branch: string) {
  try {
    const { stdout } = await exec(
      "git",
      ["merge-tree", "--write-tree", "--name-only", "--no-messages", base, branch],
      { cwd: repo, maxBuffer: 4 * 1024 * 1024 },
    );
    return { tree: stdout.split("\n")[0].trim(), conflicts: [] as string[] };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    if (e.code !== 1 || typeof e.stdout !== "string") throw error;
    const [, ...files] = e.stdout.split("\n").filter(Boolean);
    return { tree: null, conflicts: [...new Set(files)].sort() };
  }
}

/** The check, and the merged tree git wrote for it (null when files conflict). */
async function inspect(ready: Ready): Promise<{ check: MergeCheck; tree: string | null }> {
  const count = async (range: string) =>
    Number((await git(ready.repo, ["rev-list", "--count", range])).trim());
  const [ahead, behind, found] = await Promise.all([
    count(`${ready.base}..${ready.branch}`),
    count(`${ready.branch}..${ready.base}`),
    conflictsOf(ready.repo, ready.base, ready.branch),
  ]);
  return {
    check: { base: ready.base, branch: ready.branch, ahead, behind, conflicts: found.conflicts },
    tree: found.tree,
  };
}

export async function checkMerge(ready: Ready): Promise<MergeCheck> {
  return (await inspect(ready)).check;
}

/** Whether the epic's worktree holds work not committed, or a merge a run has not finished. */
export async function unfinishedWork(worktree: string): Promise<string | null> {
  if ((await git(worktree, ["status", "--porcelain"])).trim())
    return "The epic's worktree has uncommitted changes (or a merge a run has not finished): let its run end, then merge.";
  return null;
}

/** The worktree (main checkout or another) that has `branch` checked out, if any. */
async function checkoutOf(repo: string, branch: string): Promise<string | null> {
  const list = await git(repo, ["worktree", "list", "--porcelain"]);
  for (const block of list.split("\n\n")) {
    const dir = /^worktree (.+)$/m.exec(block)?.[1];
    if (dir && block.includes(`\nbranch refs/heads/${branch}`)) return dir;
  }
  return null;
}

/** Moves the default branch to `commit` (a descendant of it): fast-forward where it is checked out. */
async function advanceBase(repo: string, base: string, commit: string, old: string) {
  const checkout = await checkoutOf(repo, base);
  if (checkout) await git(checkout, ["merge", "--ff-only", "-q", commit]);
  else await git(repo, ["update-ref", `refs/heads/${base}`, commit, old]);
}

async function makeCommit(ready: Ready, strategy: MergeStrategy, tree: string, old: string) {
  const { epic, base, branch, repo } = ready;
  if (strategy === "rebase") {
    try {
      await git(ready.worktree, ["rebase", "-q", base]);
    } catch (error) {
      await git(ready.worktree, ["rebase", "--abort"]).catch(() => undefined);
      throw Object.assign(new Error(String((error as Error).message)), { rebase: true });
    }
    return (await git(ready.worktree, ["rev-parse", "HEAD"])).trim();
  }
  const title = `#${epic.number} ${epic.title}`;
  const args =
    strategy === "squash"
      ? ["-p", old, "-m", title, "-m", `${epic.description}\n\nSquashed from ${branch}.`.trim()]
      : ["-p", old, "-p", branch, "-m", `Merge ${branch}: ${title}`];
  const { stdout } = await exec("git", [...IDENTITY, "commit-tree", tree, ...args], { cwd: repo });
  return stdout.trim();
}

export async function mergeEpic(
  actor: Actor,
  input: z.output<typeof MergeSchema>,
): Promise<ActionResult<MergeOutcome>> {
  const found = await mergeReady(input.epicId);
  if (!found.ok) return found;
  const { ready } = found;
  const { check, tree } = await inspect(ready);
  const outcome = (merged: boolean, commit: string | null): MergeOutcome => ({
    ...check,
    merged,
    strategy: input.strategy,
    commit,
  });
  if (input.dryRun) return { ok: true, data: outcome(false, null) };
  if (await activeRunOf(getDb(), ready.epic.id))
    return fail("run-in-progress", "A run of this epic is going on: merge when it has ended.");
  const dirty = await unfinishedWork(ready.worktree);
  if (dirty) return fail("worktree-dirty", dirty);
  if (check.ahead === 0)
    return fail("nothing-to-merge", `${ready.branch} has nothing ${ready.base} does not have.`);
  if (check.conflicts.length)
    return fail(
      "merge-conflicts",
      `${check.conflicts.length} file${check.conflicts.length === 1 ? "" : "s"} conflict with ${ready.base}: ${check.conflicts.join(", ")}. “Resolve conflicts” starts a run that resolves them.`,
    );
  const old = (await git(ready.repo, ["rev-parse", ready.base])).trim();
  let commit: string;
  try {
    commit = await makeCommit(ready, input.strategy, tree!, old);
    await advanceBase(ready.repo, ready.base, commit, old);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").slice(-3).join(" ") : "";
    return fail(
      "merge-failed",
      (error as { rebase?: boolean }).rebase
        ? `Rebasing ${ready.branch} onto ${ready.base} stopped on a conflict; nothing was changed. Merge or squash instead, or resolve it by a run.`
        : `Git could not move ${ready.base}: ${message}`,
    );
  }
  return commitChange(actor, async () => ({
    ok: true,
    value: outcome(true, commit),
    audit: {
      action: "epic.merge",
      objectType: "epic",
      objectId: ready.epic.id,
      projectId: ready.epic.projectId,
      epicId: ready.epic.id,
      data: { strategy: input.strategy, base: ready.base, branch: ready.branch, commit },
    },
    board: { type: "epic:updated", epicId: ready.epic.id },
  }));
}

import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { git, isGitRepository } from "./worktrees";

// What a run changed: the commit it started from and the one it ended at. Hiveboard commits what
// the agent left uncommitted when the run ends, as a checkpoint naming the run, so the change is a
// diff between two commits that stay (the branch keeps them) whatever happens to the worktree.

/** The worktree's current commit, or null outside git. */
export async function headOf(cwd: string): Promise<string | null> {
  if (!(await isGitRepository(cwd))) return null;
  try {
    return (await git(cwd, ["rev-parse", "HEAD"])).trim();
  } catch {
    return null;
  }
}

/** Files of an unfinished merge that still hold conflict markers, or [] when there is no merge. */
export async function conflictMarkersLeft(cwd: string): Promise<string[]> {
  const merging = await git(cwd, ["rev-parse", "-q", "--verify", "MERGE_HEAD"]).catch(() => "");
  if (!merging.trim()) return [];
  const unmerged = (await git(cwd, ["diff", "--name-only", "--diff-filter=U"]))
    .split("\n")
    .filter(Boolean);
  const left: string[] = [];
  for (const file of new Set(unmerged)) {
    const text = await readFile(path.join(cwd, file), "utf8").catch(() => "");
    if (/^(<<<<<<<|>>>>>>>)( |$)/m.test(text)) left.push(file);
  }
  return left;
}

/**
 * Commits everything the agent left (new files included) as a checkpoint; returns the new head.
 * A merge whose conflicts the agent resolved is concluded by it; one with markers left stays
 * uncommitted (a later run resolves the rest).
 */
export async function checkpoint(
  cwd: string,
  run: { id: string; phase: string },
): Promise<string | null> {
  if (!(await isGitRepository(cwd))) return null;
  const left = await conflictMarkersLeft(cwd);
  if (left.length) {
    console.warn(`run ${run.id}: conflict markers left in ${left.join(", ")}; merge not committed`);
    return headOf(cwd);
  }
  if ((await git(cwd, ["status", "--porcelain"])).trim()) {
    await git(cwd, ["add", "-A"]);
    await git(cwd, [
      "commit",
      "--no-verify",
      "--no-gpg-sign",
      "-q",
      "-m",
      `Hiveboard checkpoint: ${run.phase} run ${run.id}`,
      "-m",
      "What the agent left uncommitted when its run ended.",
    ]);
  }
  return headOf(cwd);
}

export type DiffSource = { cwd: string; from: string; to: string | null };

/**
 * The unified diff between two commits, or from a commit to the working tree while a run goes on
 * (new files the agent has not committed yet included, as git shows an added file).
 */
export async function unifiedDiff(source: DiffSource): Promise<string> {
  const range = source.to ? [source.from, source.to] : [source.from];
  const tracked = await git(source.cwd, [
    "diff",
    "--find-renames",
    "--no-color",
    "--no-ext-diff",
    ...range,
  ]);
  if (source.to) return tracked;
  const untracked = (await git(source.cwd, ["ls-files", "--others", "--exclude-standard", "-z"]))
    .split("\0")
    .filter(Boolean)
    .slice(0, MAX_UNTRACKED);
  let added = "";
  for (const file of untracked) added += await newFileDiff(source.cwd, file);
  return tracked + added;
}

const MAX_UNTRACKED = 500;

/** A file git does not track yet, as the diff of its addition (`git diff --no-index` exits 1 on a difference). */
async function newFileDiff(cwd: string, file: string): Promise<string> {
  try {
    return await git(cwd, ["diff", "--no-color", "--no-index", "--", "/dev/null", file]);
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    if (e.code === 1 && typeof e.stdout === "string") return e.stdout;
    return "";
  }
}

type Missing = { ok: false; code: string; message: string };

/** What a run changed, as a diff source; why not when it cannot be told. */
export async function runDiffSource(
  runId: string,
): Promise<{ ok: true; source: DiffSource } | Missing> {
  const run = await getDb().run.findUnique({
    where: { id: runId },
    include: { epic: { select: { worktreePath: true } } },
  });
  if (!run) return { ok: false, code: "run-not-found", message: "No run with that id." };
  const cwd = run.worktreePath ?? run.epic.worktreePath;
  if (!run.startCommit || !cwd || !(await isGitRepository(cwd)))
    return {
      ok: false,
      code: "diff-unavailable",
      message:
        "This run left no diff to show: it worked outside a git repository (a scratch folder), or started before runs recorded their commits.",
    };
  return { ok: true, source: { cwd, from: run.startCommit, to: run.endCommit } };
}

/** The epic's whole branch against the project's default branch (uncommitted work included). */
export async function epicDiffSource(
  epicId: string,
): Promise<{ ok: true; source: DiffSource } | Missing> {
  const epic = await getDb().epic.findFirst({
    where: { id: epicId, deletedAt: null },
    include: { project: { select: { defaultBranch: true } } },
  });
  if (!epic) return { ok: false, code: "epic-not-found", message: "No epic with that id." };
  if (!epic.worktreePath || !epic.branch || !(await isGitRepository(epic.worktreePath)))
    return {
      ok: false,
      code: "diff-unavailable",
      message:
        "This epic has no branch to compare yet: it gets one at its first run in a git repository.",
    };
  const base = (
    await git(epic.worktreePath, ["merge-base", epic.project.defaultBranch, "HEAD"])
  ).trim();
  return { ok: true, source: { cwd: epic.worktreePath, from: base, to: null } };
}

import "server-only";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { git, isGitRepository, slugify, type Workspace } from "./worktrees";

// Where each agent of a trial works: a worktree and branch of its own, made from where the epic
// stands (its branch, with the earlier phases' work, else the default branch), so the tries never
// touch each other's files or the epic's own worktree until one is chosen.

export type TrialWorkspace = Workspace & { startCommit: string | null };

export async function ensureTrialWorkspace(
  project: { slug: string; repo: string; defaultBranch: string },
  epic: { number: number; title: string; branch: string | null },
  run: {
    id: string;
    agent: string | null;
    runner: string;
    worktreePath: string | null;
    branch: string | null;
    startCommit: string | null;
  },
): Promise<TrialWorkspace> {
  if (run.worktreePath && existsSync(run.worktreePath))
    return {
      cwd: run.worktreePath,
      branch: run.branch,
      worktree: run.branch !== null,
      startCommit: run.startCommit,
    };
  const dataDir = path.resolve(env().HIVEBOARD_DATA_DIR);
  const repo = path.resolve(project.repo);
  const name = `epic-${epic.number}-${slugify(epic.title)}--${slugify(run.agent ?? run.runner)}-${run.id.slice(-6)}`;
  if (await isGitRepository(repo)) {
    const dir = path.join(dataDir, "worktrees", project.slug, name);
    const branch = `hiveboard/${name}`;
    const from =
      epic.branch && (await git(repo, ["branch", "--list", epic.branch])).trim()
        ? epic.branch
        : project.defaultBranch;
    mkdirSync(path.dirname(dir), { recursive: true });
    await git(repo, ["worktree", "add", "-b", branch, dir, from]);
    const startCommit = (await git(dir, ["rev-parse", "HEAD"])).trim();
    return { cwd: dir, branch, worktree: true, startCommit };
  }
  // No git repository on this server: each try gets a scratch folder of its own.
  const dir = path.join(dataDir, "workspaces", project.slug, name);
  mkdirSync(dir, { recursive: true });
  return { cwd: dir, branch: null, worktree: false, startCommit: null };
}

export type DiffFigures = { files: number; added: number; removed: number };

/** What a try changed since it started, committed or not, new files included; null without git. */
export async function diffFigures(
  worktree: string | null,
  startCommit: string | null,
): Promise<DiffFigures | null> {
  if (!worktree || !startCommit || !(await isGitRepository(worktree))) return null;
  const figures: DiffFigures = { files: 0, added: 0, removed: 0 };
  for (const line of (await git(worktree, ["diff", "--numstat", startCommit]))
    .split("\n")
    .filter(Boolean)) {
    const [added, removed] = line.split("\t");
    figures.files += 1;
    figures.added += Number(added) || 0; // "-" for a binary file
    figures.removed += Number(removed) || 0;
  }
  for (const file of (await git(worktree, ["ls-files", "--others", "--exclude-standard"]))
    .split("\n")
    .filter(Boolean)) {
    figures.files += 1;
    try {
      figures.added += readFileSync(path.join(worktree, file), "utf8")
        .split("\n")
        .filter(Boolean).length;
    } catch {
      /* unreadable: counted as a file only */
    }
  }
  return figures;
}

import "server-only";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "@/lib/env";

const run = promisify(execFile);
const GIT_IDENTITY = ["-c", "user.name=Hiveboard", "-c", "user.email=hiveboard@localhost"];

export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", [...GIT_IDENTITY, ...args], {
    cwd,
    maxBuffer: 4 * 1024 * 1024,
  });
  return stdout;
}

export async function isGitRepository(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  try {
    return (await git(dir, ["rev-parse", "--is-inside-work-tree"])).trim() === "true";
  } catch {
    return false;
  }
}

/** A repository given as a URL (https, ssh, git@host:path): not on this server. */
export const isRemoteRepository = (repo: string) =>
  /^(https?|ssh|git):\/\//.test(repo) || /^[\w.-]+@[\w.-]+:/.test(repo);

export type RepositoryCheck =
  | { ok: true; mode: "git" | "scratch" | "remote" }
  | { ok: false; field: "repo" | "defaultBranch"; message: string };

/**
 * What a project's repository setting means for its runs, checked when the project is saved: a
 * path must be a git repository on this server with the default branch in it (each epic gets a
 * worktree and branch); empty means a scratch folder per epic; a URL is passed to remote runners.
 */
export async function checkRepository(
  repo: string,
  defaultBranch: string,
): Promise<RepositoryCheck> {
  if (repo === "") return { ok: true, mode: "scratch" };
  if (isRemoteRepository(repo)) return { ok: true, mode: "remote" };
  const dir = path.resolve(repo);
  const scratch = "or leave it empty for a scratch folder per epic";
  if (!existsSync(dir))
    return {
      ok: false,
      field: "repo",
      message: `No folder at ${dir} on this server: give the path of a git repository here, ${scratch}`,
    };
  if (!(await isGitRepository(dir)))
    return {
      ok: false,
      field: "repo",
      message: `${dir} is not a git repository: run “git init” there and commit once, ${scratch}`,
    };
  const branches = (await git(dir, ["branch", "--format=%(refname:short)"]))
    .split("\n")
    .filter(Boolean);
  if (!branches.includes(defaultBranch))
    return {
      ok: false,
      field: "defaultBranch",
      message: branches.length
        ? `No branch “${defaultBranch}” in ${dir}; its branches: ${branches.slice(0, 8).join(", ")}`
        : `${dir} has no commit yet: commit once so “${defaultBranch}” exists`,
    };
  return { ok: true, mode: "git" };
}

export const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "epic";

export type Workspace = { cwd: string; branch: string | null; worktree: boolean };

/**
 * Where an epic's runs work. A git repository gets one worktree and branch per epic, made at the
 * first run, so concurrent epics never touch each other's files; anything else gets a scratch
 * folder of the epic's own under data/.
 */
export async function ensureWorkspace(
  project: { slug: string; repo: string; defaultBranch: string },
  epic: { number: number; title: string; worktreePath: string | null; branch: string | null },
): Promise<Workspace> {
  if (epic.worktreePath && existsSync(epic.worktreePath))
    return { cwd: epic.worktreePath, branch: epic.branch, worktree: epic.branch !== null };
  const dataDir = path.resolve(env().HIVEBOARD_DATA_DIR);
  const repo = path.resolve(project.repo);
  const name = `epic-${epic.number}-${slugify(epic.title)}`;
  if (await isGitRepository(repo)) {
    const dir = path.join(dataDir, "worktrees", project.slug, name);
    const branch = `hiveboard/${name}`;
    mkdirSync(path.dirname(dir), { recursive: true });
    const exists = (await git(repo, ["branch", "--list", branch])).trim() !== "";
    await git(
      repo,
      exists
        ? ["worktree", "add", dir, branch]
        : ["worktree", "add", "-b", branch, dir, project.defaultBranch],
    );
    return { cwd: dir, branch, worktree: true };
  }
  // No repository on this server (empty, a URL, or a folder since removed): a scratch folder.
  const dir =
    project.repo !== "" && !isRemoteRepository(project.repo) && existsSync(repo)
      ? repo
      : path.join(dataDir, "workspaces", project.slug, name);
  mkdirSync(dir, { recursive: true });
  return { cwd: dir, branch: null, worktree: false };
}

/** Files the epic's branch changed, committed or not, against the project's default branch. */
export async function changedFiles(
  worktree: string,
  baseBranch: string,
): Promise<{ path: string; status: string }[]> {
  if (!(await isGitRepository(worktree))) return [];
  const files = new Map<string, string>();
  try {
    for (const line of (await git(worktree, ["diff", "--name-status", `${baseBranch}...HEAD`]))
      .split("\n")
      .filter(Boolean)) {
      const [status, file] = line.split("\t");
      files.set(file, status);
    }
  } catch {
    /* base branch missing: show the working tree only */
  }
  for (const line of (await git(worktree, ["status", "--porcelain", "--untracked-files=all"]))
    .split("\n")
    .filter(Boolean)) {
    files.set(line.slice(3), line.slice(0, 2).trim() || "M");
  }
  return [...files]
    .map(([p, status]) => ({ path: p, status }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export async function removeWorktree(repo: string, worktree: string): Promise<void> {
  if (await isGitRepository(path.resolve(repo)))
    await git(path.resolve(repo), ["worktree", "remove", "--force", worktree]);
}

/** A small real repository for the demo project, so demo runs have a place to work. */
export async function createDemoRepository(dir: string): Promise<void> {
  if (await isGitRepository(dir)) return;
  mkdirSync(path.join(dir, "src"), { recursive: true });
  writeFileSync(
    path.join(dir, "README.md"),
    "# Acme web app\n\nA tiny app the Hiveboard demo agent works on.\n\n- `src/server.js` serves the pages\n- `npm test` runs the checks\n",
  );
  writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "acme-web", private: true, scripts: { test: "node --test" } }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(dir, "src/server.js"),
    "export function hello(name) {\n  return `Hello, ${name}!`;\n}\n",
  );
  await git(dir, ["init", "-q", "-b", "main"]);
  await git(dir, ["add", "-A"]);
  await git(dir, ["commit", "-q", "-m", "Initial commit"]);
}

import "server-only";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

// Agents are untrusted code running as Hiveboard's user. Where bubblewrap (Debian's `bubblewrap`
// package) works, each agent and command runs in its own mount and process namespace: the whole
// system read-only, its epic's worktree (and the repository's git data) and its home writable,
// a private /tmp — and Hiveboard's data folder (database, auth secret, other epics' worktrees),
// its database file's folder and its own source folder's secrets hidden; no view of the server's
// processes (so no /proc/<server>/environ). HIVEBOARD_AGENT_SANDBOX: auto (bwrap when it works,
// else none, said on /agents), bwrap (required: a run fails without it), none.

export type SandboxMode = "auto" | "bwrap" | "none";

export type SandboxPlan = {
  /** The agent's working directory: its epic's worktree (read-write). */
  cwd: string;
  /** Folders the agent must not see: replaced by an empty folder inside the sandbox. */
  hide: string[];
  /** Folders it may write besides cwd (its home, the repository's git data). */
  writable: string[];
  /** Files or folders it may read although they sit in a hidden or private place. */
  readable: string[];
  /** Folders it may read but never write, although they sit inside a writable one. */
  readOnly: string[];
};

let probed: boolean | null = null;

/** Whether bubblewrap is installed and may make namespaces here (probed once). */
export function bwrapWorks(): boolean {
  if (probed !== null) return probed;
  const r = spawnSync(
    "bwrap",
    ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "true"],
    { stdio: "ignore", timeout: 5000 },
  );
  probed = r.status === 0;
  return probed;
}

/** The git folder a worktree shares with its repository (its `.git` file names it). */
function gitCommonDir(cwd: string): string | null {
  const dotGit = path.join(cwd, ".git");
  if (!existsSync(dotGit)) return null;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"));
  if (!m) return null;
  const gitdir = path.resolve(cwd, m[1].trim());
  // …/.git/worktrees/<name> → …/.git
  return path.basename(path.dirname(gitdir)) === "worktrees"
    ? path.dirname(path.dirname(gitdir))
    : gitdir;
}

/** What the agent of a run may see and touch. */
export function planFor(opts: {
  cwd: string;
  dataDir: string;
  databaseFile: string | null;
  appDir: string;
  extraReadable?: string[];
}): SandboxPlan {
  const cwd = path.resolve(opts.cwd);
  const home = homedir();
  const git = gitCommonDir(cwd);
  const hide = [path.resolve(opts.dataDir)];
  if (opts.databaseFile) hide.push(path.dirname(path.resolve(opts.databaseFile)));
  for (const f of [".env", ".env.local", ".env.production"]) {
    const file = path.join(opts.appDir, f);
    if (existsSync(file)) hide.push(file);
  }
  return {
    cwd,
    hide: [...new Set(hide)],
    writable: [home, ...(git ? [git] : [])].filter((p) => existsSync(p)),
    readable: opts.extraReadable ?? [],
    // Hiveboard's own code stays read-only even where it sits inside the agent's home.
    readOnly: [path.resolve(opts.appDir)],
  };
}

/** The bwrap command line that runs `command args` under the plan. */
export function bwrapArgs(plan: SandboxPlan, command: string, args: string[]): string[] {
  // Later mounts cover earlier ones: a private /tmp first, so a home or worktree in /tmp shows.
  const out = ["--die-with-parent", "--unshare-pid", "--ro-bind", "/", "/", "--tmpfs", "/tmp"];
  for (const w of plan.writable) out.push("--bind", w, w);
  for (const r of plan.readOnly) if (existsSync(r)) out.push("--ro-bind", r, r);
  for (const h of plan.hide) {
    if (!existsSync(h)) continue;
    if (statSync(h).isDirectory()) out.push("--tmpfs", h);
    else out.push("--ro-bind", "/dev/null", h);
  }
  // Re-exposed after the hiding: its worktree (inside the data folder), what it must read.
  out.push("--bind", plan.cwd, plan.cwd);
  for (const w of plan.writable)
    if (plan.hide.some((h) => w.startsWith(h))) out.push("--bind", w, w);
  for (const r of plan.readable) if (existsSync(r)) out.push("--ro-bind", r, r);
  out.push("--dev", "/dev", "--proc", "/proc", "--chdir", plan.cwd, "--", command, ...args);
  return out;
}

/** How to start an agent: inside bubblewrap, or as is; an error when the mode requires it and it cannot. */
export function sandboxWrapper(
  mode: SandboxMode,
  plan: SandboxPlan,
): ((command: string, args: string[]) => [string, string[]]) | null {
  if (mode === "none") return null;
  if (!bwrapWorks()) {
    if (mode === "bwrap")
      throw new Error(
        "HIVEBOARD_AGENT_SANDBOX=bwrap, but bubblewrap cannot run here: install it (apt-get install bubblewrap) and allow user namespaces, or set HIVEBOARD_AGENT_SANDBOX=auto.",
      );
    return null;
  }
  return (command, args) => [
    "bwrap",
    bwrapArgs({ ...plan, readable: [...plan.readable, ...programFolders(command)] }, command, args),
  ];
}

/**
 * Where an agent's program lives, so it stays visible wherever that is (an npm install in /tmp,
 * say): the folder of the path it was given and the package folder its real file belongs to.
 */
function programFolders(command: string): string[] {
  if (!path.isAbsolute(command) || !existsSync(command)) return [];
  const real = realpathSync(command);
  let root = path.dirname(real);
  for (let dir = root; dir !== path.dirname(dir); dir = path.dirname(dir))
    if (existsSync(path.join(dir, "package.json"))) {
      root = dir;
      break;
    }
  return [...new Set([path.dirname(command), root])];
}

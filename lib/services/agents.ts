import "server-only";
import { getDb } from "@/lib/db/client";
import { findClaudeExecutable } from "@/lib/runners";
import { probeStreamAgent } from "@/lib/runners/probe";
import { bwrapWorks } from "@/lib/runners/sandbox";
import { env } from "@/lib/env";

/**
 * Whether this project's runs are simulated by the demo agent, and why: `chosen` when a phase of
 * its pipeline names the demo agent, `stand-in` when a phase asks for Claude Code and no `claude`
 * executable is found (the demo agent stands in). The board marks both plainly.
 */
export async function demoRunsOf(projectId: string): Promise<"chosen" | "stand-in" | null> {
  const phases = await getDb().phase.findMany({
    where: { pipeline: { projectId } },
    select: { runner: true },
  });
  if (phases.some((p) => p.runner === "demo")) return "chosen";
  if (phases.some((p) => p.runner === "claude-code") && !findClaudeExecutable()) return "stand-in";
  return null;
}

export type AgentStatus = {
  name: string;
  runner: string;
  ready: boolean;
  detail: string;
  /** The one line that fixes what is missing; null when nothing is. */
  fix: string | null;
};

const g = globalThis as unknown as { __hiveboardAgentProbe?: { at: number; status: AgentStatus } };

/** Claude Code: found? which version? logged in? (its own answer to the handshake; cached a minute). */
async function claudeCodeStatus(): Promise<AgentStatus> {
  const cached = g.__hiveboardAgentProbe;
  if (cached && Date.now() - cached.at < 60_000) return cached.status;
  const path = findClaudeExecutable();
  const base = { name: "Claude Code", runner: "claude-code" };
  let status: AgentStatus;
  if (!path) {
    status = {
      ...base,
      ready: false,
      detail: "Not found on this server: runs that ask for it use the demo agent.",
      fix: "npm install -g @anthropic-ai/claude-code (or set CLAUDE_CODE_PATH), then log it in",
    };
  } else {
    const p = await probeStreamAgent(path, []);
    const loggedIn = p.ok && p.credentials !== null && p.credentials !== "none";
    status = !p.ok
      ? {
          ...base,
          ready: false,
          detail: `${path} did not answer: ${p.error}`,
          fix: `Run ${path} --version to see what is wrong`,
        }
      : loggedIn
        ? {
            ...base,
            ready: true,
            detail: `${path} · version ${p.version ?? "?"} · credentials: ${p.credentials}`,
            fix: null,
          }
        : {
            ...base,
            ready: false,
            detail: `${path} · version ${p.version ?? "?"} · not logged in (no login or API key)`,
            fix: "Run `claude` once as the user Hiveboard runs as and /login, or set ANTHROPIC_API_KEY for Hiveboard",
          };
  }
  g.__hiveboardAgentProbe = { at: Date.now(), status };
  return status;
}

/** Every agent Hiveboard can drive here, and what each needs. */
export async function agentStatuses(): Promise<AgentStatus[]> {
  const projects = await getDb().project.findMany({
    select: { name: true, automagikUrl: true },
    orderBy: { name: "asc" },
  });
  const remote = projects.filter((p) => p.automagikUrl);
  return [
    await claudeCodeStatus(),
    {
      name: "Demo agent",
      runner: "demo",
      ready: true,
      detail: "Bundled; speaks Claude Code's protocol; stands in where Claude Code is missing.",
      fix: null,
    },
    {
      name: "Command",
      runner: "command",
      ready: true,
      detail: "A phase's shell command in the epic's worktree; its exit code is the result.",
      fix: null,
    },
    {
      name: "Automagik",
      runner: "automagik",
      ready: remote.length > 0,
      detail: remote.length
        ? `Servers set for: ${remote.map((p) => `${p.name} (${p.automagikUrl})`).join(", ")}`
        : "No project has an Automagik server.",
      fix: remote.length ? null : "Set a server URL and key in a project's settings",
    },
  ];
}

/** Whether agents run sandboxed here, and the line that fixes it when they do not. */
export function sandboxStatus(): { active: boolean; detail: string; fix: string | null } {
  const mode = env().HIVEBOARD_AGENT_SANDBOX;
  if (mode === "none")
    return {
      active: false,
      detail:
        "Turned off (HIVEBOARD_AGENT_SANDBOX=none): agents run as Hiveboard's user and can read its data folder.",
      fix: "Unset HIVEBOARD_AGENT_SANDBOX (or set it to auto)",
    };
  return bwrapWorks()
    ? {
        active: true,
        detail:
          "bubblewrap: each agent sees the system read-only, writes only its epic's worktree and its home; Hiveboard's data folder, database, secrets, other worktrees and processes are hidden.",
        fix: null,
      }
    : {
        active: false,
        detail:
          "bubblewrap is not available: agents run as Hiveboard's user, without a sandbox, and could read its data folder.",
        fix: "apt-get install bubblewrap (user namespaces must be allowed)",
      };
}

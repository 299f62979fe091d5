import "server-only";
import { getDb } from "@/lib/db/client";
import { findClaudeExecutable } from "@/lib/runners";
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
    select: { runner: true, agent: true },
  });
  if (phases.some((p) => p.runner === "demo" || p.agent === "demo-acp")) return "chosen";
  if (phases.some((p) => p.runner === "claude-code") && !findClaudeExecutable()) return "stand-in";
  return null;
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

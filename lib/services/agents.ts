import "server-only";
import { getDb } from "@/lib/db/client";
import { findClaudeExecutable } from "@/lib/runners";

/**
 * Whether this project's runs will use the demo agent in place of Claude Code (a phase asks for
 * Claude Code and no `claude` executable is found): the board says so plainly.
 */
export async function demoStandsIn(projectId: string): Promise<boolean> {
  if (findClaudeExecutable()) return false;
  const wanting = await getDb().phase.count({
    where: { pipeline: { projectId }, runner: "claude-code" },
  });
  return wanting > 0;
}

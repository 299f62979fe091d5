import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { generateKey } from "@/lib/auth/api-keys";
import { openSecret } from "@/lib/auth/secret-box";
import { getDb } from "@/lib/db/client";
import { internalUrl } from "@/lib/env";

// What a run's agent is given when it starts: its identity, the handoff from earlier phases, the
// project's Automagik server, and a key for our MCP server.

export const agentActor = (phase: string): Actor => ({
  type: "system",
  id: null,
  label: `Agent (${phase})`,
  role: "developer",
});

/** What the next phase receives: earlier phases' results, decisions taken, open todos. */
export async function handoffFor(epicId: string, beforeRunId: string): Promise<string> {
  const db = getDb();
  const [runs, decisions, todos, uses] = await Promise.all([
    db.run.findMany({
      where: { epicId, status: "completed", id: { not: beforeRunId } },
      orderBy: { createdAt: "asc" },
      select: { phase: true, resultSummary: true },
    }),
    db.decision.findMany({
      where: { epicId, status: { in: ["answered", "auto_applied"] } },
      orderBy: { answeredAt: "asc" },
      select: { title: true, answerOption: true, options: true, answerComment: true },
    }),
    db.todo.findMany({
      where: { epicId, status: { not: "completed" } },
      orderBy: { position: "asc" },
      select: { content: true },
    }),
    db.patternUse.findMany({
      where: { epicId, OR: [{ runId: null }, { runId: { not: beforeRunId } }] },
      select: { pattern: { select: { name: true, whenToUse: true } } },
    }),
  ]);
  const parts: string[] = [];
  if (runs.length)
    parts.push(
      `Earlier phases:\n${runs.map((r) => `- ${r.phase}: ${r.resultSummary ?? "completed"}`).join("\n")}`,
    );
  if (decisions.length) {
    parts.push(
      `Decisions taken:\n${decisions.map((d) => `- ${d.title} → ${(d.options as { key: string; label: string }[]).find((o) => o.key === d.answerOption)?.label ?? d.answerOption}${d.answerComment ? ` (${d.answerComment})` : ""}`).join("\n")}`,
    );
  }
  const patterns = [...new Map(uses.map((u) => [u.pattern.name, u.pattern])).values()];
  if (patterns.length)
    parts.push(
      `Patterns used so far:\n${patterns.map((p) => `- ${p.name}${p.whenToUse ? ` (${p.whenToUse.split("\n")[0]})` : ""}`).join("\n")}`,
    );
  if (todos.length) parts.push(`Open todos:\n${todos.map((t) => `- ${t.content}`).join("\n")}`);
  return parts.join("\n\n");
}

/** The project's Automagik server for the automagik runner; a key that no longer opens is an error. */
export function remoteOf(
  run: {
    runner: string;
    workflow: string;
    timeoutSec: number;
    project: { automagikUrl: string | null; automagikKey: string | null; repo: string };
    epic: { title: string };
  },
  gitBranch: string | null = null,
) {
  if (run.runner !== "automagik" || !run.project.automagikUrl) return null;
  const apiKey = run.project.automagikKey ? openSecret(run.project.automagikKey) : "";
  if (apiKey === null)
    throw new Error(
      "The stored Automagik API key cannot be read (the server secret changed): enter it again in the project's settings.",
    );
  return {
    baseUrl: run.project.automagikUrl,
    apiKey,
    workflow: run.workflow,
    timeoutSec: run.timeoutSec,
    sessionName: run.epic.title,
    repositoryUrl: run.project.repo,
    gitBranch,
  };
}

/** A key for this run's agent on our MCP server: it reaches this run only, and expires with it. */
export async function runKey(run: { id: string; phase: string; timeoutSec: number }) {
  const k = generateKey();
  await getDb().apiKey.create({
    data: {
      name: `Agent (${run.phase})`,
      role: "developer",
      prefix: k.prefix,
      hash: k.hash,
      runId: run.id,
      expiresAt: new Date(Date.now() + (run.timeoutSec + 600) * 1000),
    },
  });
  return { url: `${internalUrl()}/api/mcp`, key: k.key };
}

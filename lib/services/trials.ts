import "server-only";
import { getDb } from "@/lib/db/client";
import type { TrialTry, TrialView } from "@/lib/schemas/trial";
import { diffFigures } from "./trial-worktrees";

/** One trial, side by side: what each agent did, cost and changed, and whether its gate passed. */
export async function getTrial(id: string): Promise<TrialView | null> {
  const db = getDb();
  const trial = await db.trial.findUnique({
    where: { id },
    include: {
      runs: { orderBy: { createdAt: "asc" } },
      epic: { include: { project: { select: { id: true, slug: true, name: true } } } },
    },
  });
  if (!trial) return null;
  const gates = await db.runEvent.findMany({
    where: { runId: { in: trial.runs.map((r) => r.id) }, kind: "gate" },
    orderBy: { seq: "asc" },
    select: { runId: true, data: true },
  });
  // The `gate` event a run records as it ends (run-engine/finish.ts).
  type Recorded = { passed: boolean; checks: { passed: boolean }[] };
  const gateOf = new Map(gates.map((g) => [g.runId, g.data as Recorded]));
  const now = Date.now();
  const tries = await Promise.all(
    trial.runs.map(async (r): Promise<TrialTry> => {
      const gate = gateOf.get(r.id);
      return {
        runId: r.id,
        agent: r.agent,
        model: r.model,
        runner: r.runner,
        status: r.status,
        turns: r.turns,
        maxTurns: r.maxTurns,
        durationSec: r.startedAt
          ? Math.round(((r.endedAt?.getTime() ?? now) - r.startedAt.getTime()) / 1000)
          : null,
        costUsd: r.costUsd,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        changes: await diffFigures(r.worktreePath, r.startCommit).catch(() => null),
        gate: gate
          ? {
              passed: gate.passed,
              met: gate.checks.filter((c) => c.passed).length,
              of: gate.checks.length,
            }
          : null,
        branch: r.branch,
        resultSummary: r.resultSummary,
        error: r.error,
        chosen: trial.chosenRunId === r.id,
      };
    }),
  );
  return {
    id: trial.id,
    phase: trial.phase,
    createdAt: trial.createdAt.toISOString(),
    decidedAt: trial.decidedAt?.toISOString() ?? null,
    chosenBy: trial.chosenBy,
    chosenRunId: trial.chosenRunId,
    epic: {
      id: trial.epic.id,
      number: trial.epic.number,
      title: trial.epic.title,
      phase: trial.epic.phase,
    },
    project: trial.epic.project,
    tries,
  };
}

/** The epic's trials, newest first: what the drawer links to. */
export async function trialsOfEpic(epicId: string) {
  return getDb().trial.findMany({
    where: { epicId },
    orderBy: { createdAt: "desc" },
    select: { id: true, phase: true, chosenRunId: true, createdAt: true },
  });
}

import "server-only";
import { getDb } from "@/lib/db/client";
import { pipelinePhases } from "@/lib/db/projects";
import { DONE_LANE } from "@/lib/domain/phases";
import { agentFigures } from "@/lib/domain/agent-metrics";
import { epicFigures, projectFigures, runsOverTime, type EpicFacts } from "@/lib/domain/metrics";

export type MetricsFilter = { projectId: string; from?: Date; to?: Date; epicId?: string };

/** Every figure of a project (or one epic) for epics created in the date range, from stored facts. */
export async function getMetrics(f: MetricsFilter) {
  const db = getDb();
  const epics = await db.epic.findMany({
    where: {
      projectId: f.projectId,
      deletedAt: null,
      ...(f.epicId ? { id: f.epicId } : {}),
      ...(f.from || f.to
        ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } }
        : {}),
    },
    orderBy: { number: "asc" },
    include: {
      runs: {
        select: {
          id: true,
          phase: true,
          agent: true,
          runner: true,
          model: true,
          status: true,
          parentRunId: true,
          startedAt: true,
          endedAt: true,
          turns: true,
          costUsd: true,
          inputTokens: true,
          outputTokens: true,
        },
      },
      decisions: { select: { source: true, createdAt: true, answeredAt: true, status: true } },
    },
  });
  const ids = epics.map((e) => e.id);
  const [feedback, uses, coverage, doneMoves] = await Promise.all([
    db.feedback.groupBy({
      by: ["runId"],
      where: { run: { epicId: { in: ids } } },
      _count: { _all: true },
    }),
    db.patternUse.groupBy({
      by: ["epicId"],
      where: { epicId: { in: ids } },
      _count: { _all: true },
    }),
    db.metricSample.findMany({
      where: { epicId: { in: ids }, name: "coverage" },
      orderBy: { createdAt: "asc" },
      select: { epicId: true, value: true },
    }),
    db.auditLog.findMany({
      where: { epicId: { in: ids }, action: { in: ["epic.move", "run.completed"] } },
      orderBy: { id: "asc" },
      select: { epicId: true, at: true, data: true },
    }),
  ]);
  const runEpic = new Map(epics.flatMap((e) => e.runs.map((r) => [r.id, e.id] as const)));
  const feedbackBy = new Map<string, number>();
  for (const g of feedback)
    feedbackBy.set(
      runEpic.get(g.runId)!,
      (feedbackBy.get(runEpic.get(g.runId)!) ?? 0) + g._count._all,
    );
  const lastCoverage = new Map(coverage.map((c) => [c.epicId!, c.value]));
  // Reached Done: the latest move into DONE (by hand or by a passed gate).
  const doneAt = new Map<string, Date>();
  for (const m of doneMoves) {
    const d = (m.data ?? {}) as { to?: string; movedTo?: string };
    if (d.to === DONE_LANE || d.movedTo === DONE_LANE) doneAt.set(m.epicId!, m.at);
  }
  const facts: EpicFacts[] = epics.map((e) => ({
    id: e.id,
    number: e.number,
    title: e.title,
    createdAt: e.createdAt,
    doneAt: e.phase === DONE_LANE ? (doneAt.get(e.id) ?? e.updatedAt) : null,
    runs: e.runs,
    decisions: e.decisions,
    feedbackCount: feedbackBy.get(e.id) ?? 0,
    patternUses: uses.find((u) => u.epicId === e.id)?._count._all ?? 0,
    coverage: lastCoverage.get(e.id) ?? null,
  }));
  const perEpic = facts.map(epicFigures);
  const phases = (await pipelinePhases(db, f.projectId)).map((p) => p.key);
  return {
    project: projectFigures(perEpic, phases),
    epics: perEpic,
    days: runsOverTime(epics.flatMap((e) => e.runs)),
    agents: agentFigures(
      epics.flatMap((e) => e.runs),
      phases,
    ),
  };
}

/** A figure a run (or a person) reports, e.g. coverage 82: stored as a fact the gates and metrics read. */
export async function reportMetric(input: {
  runId?: string | null;
  epicId?: string | null;
  name: string;
  value: number;
}) {
  const db = getDb();
  const run = input.runId
    ? await db.run.findUnique({
        where: { id: input.runId },
        select: { id: true, epicId: true, projectId: true, phase: true },
      })
    : null;
  if (input.runId && !run)
    return { ok: false as const, code: "run-not-found", message: "No run with that id." };
  const epic = run
    ? null
    : input.epicId
      ? await db.epic.findFirst({
          where: { id: input.epicId, deletedAt: null },
          select: { id: true, projectId: true, phase: true },
        })
      : null;
  if (!run && !epic)
    return {
      ok: false as const,
      code: "epic-not-found",
      message: "Name the run (run_id) or the epic (epic_id) the figure is about.",
    };
  const sample = await db.metricSample.create({
    data: run
      ? {
          projectId: run.projectId,
          epicId: run.epicId,
          runId: run.id,
          phase: run.phase,
          name: input.name,
          value: input.value,
        }
      : {
          projectId: epic!.projectId,
          epicId: epic!.id,
          phase: epic!.phase,
          name: input.name,
          value: input.value,
        },
  });
  return {
    ok: true as const,
    data: {
      id: sample.id,
      name: sample.name,
      value: sample.value,
      runId: sample.runId,
      epicId: sample.epicId,
    },
  };
}

import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { maxSeq, runEventsAfter, runEventsBefore, toRunSummary } from "@/lib/db/runs";
import type { RunSummary } from "@/lib/schemas/run";
import { changedFiles } from "@/lib/services/worktrees";

export type RunDetail = RunSummary & {
  epic: { id: string; number: number; title: string };
  project: { slug: string; name: string };
  files: { path: string; status: string }[];
  feedback: {
    id: string;
    message: string;
    mode: string;
    status: string;
    error: string | null;
    authorLabel: string;
    createdAt: string;
  }[];
};

export async function getRunDetail(id: string): Promise<RunDetail | null> {
  const db = getDb();
  const run = await db.run.findUnique({
    where: { id },
    include: { epic: true, project: true, feedback: { orderBy: { createdAt: "asc" } } },
  });
  if (!run) return null;
  const files = run.epic.worktreePath
    ? await changedFiles(run.epic.worktreePath, run.project.defaultBranch).catch(() => [])
    : [];
  return {
    ...toRunSummary(run),
    epic: { id: run.epic.id, number: run.epic.number, title: run.epic.title },
    project: { slug: run.project.slug, name: run.project.name },
    files,
    feedback: run.feedback.map((f) => ({
      id: f.id,
      message: f.message,
      mode: f.mode,
      status: f.status,
      error: f.error,
      authorLabel: f.authorLabel,
      createdAt: f.createdAt.toISOString(),
    })),
  };
}

/**
 * A page of a run's events, in order: the first `limit` after `after`, or — given `before` — the
 * last `limit` below it (`more` then says whether older ones remain).
 */
export async function listRunEvents(
  runId: string,
  page: { after: number; before?: number; limit: number },
) {
  const { after, before, limit } = page;
  const db = getDb();
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) return null;
  const events =
    before === undefined
      ? await runEventsAfter(db, runId, after, limit + 1)
      : await runEventsBefore(db, runId, before, limit + 1, after);
  const lastSeq = await maxSeq(db, runId);
  const more = events.length > limit;
  return {
    events: before === undefined ? events.slice(0, limit) : events.slice(-limit),
    lastSeq,
    more,
  };
}

/** Which runs stand behind a metric: those that reported coverage, had people intervene, used a pattern, re-ran a phase, failed. */
export const RUN_FOCUS = [
  "coverage",
  "interventions",
  "decisions",
  "patterns",
  "reruns",
  "failed",
] as const;
export type RunFocus = (typeof RUN_FOCUS)[number];

export type RunFilter = {
  projectId?: string;
  epicId?: string;
  phase?: string;
  status?: string;
  workflow?: string;
  /** The agent (runner) it used, and who started it. */
  runner?: string;
  startedById?: string;
  /** Runs of epics created in this range: the range the metrics page uses. */
  epicFrom?: Date;
  epicTo?: Date;
  focus?: RunFocus;
  cursor?: string;
  limit?: number;
};

/** A phase's first run of an epic is its run; later ones (not follow-ups) are re-runs. */
async function rerunIds(where: Prisma.RunWhereInput): Promise<string[]> {
  const rows = await getDb().run.findMany({
    where: { ...where, parentRunId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, epicId: true, phase: true },
  });
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    const k = `${r.epicId}/${r.phase}`;
    if (seen.has(k)) out.push(r.id);
    seen.add(k);
  }
  return out;
}

async function focusWhere(
  focus: RunFocus | undefined,
  base: Prisma.RunWhereInput,
): Promise<Prisma.RunWhereInput> {
  switch (focus) {
    case "coverage": {
      const samples = await getDb().metricSample.findMany({
        where: { name: "coverage", runId: { not: null } },
        select: { runId: true },
      });
      return { id: { in: samples.map((s) => s.runId!) } };
    }
    case "interventions":
      return { OR: [{ feedback: { some: {} } }, { decisions: { some: { status: "answered" } } }] };
    case "decisions":
      return { decisions: { some: {} } };
    case "patterns":
      return { patternUses: { some: {} } };
    case "reruns":
      return { id: { in: await rerunIds(base) } };
    case "failed":
      return { status: { in: ["failed", "timed_out"] } };
    default:
      return {};
  }
}

/** Runs newest first, filtered, a page at a time (cursor: the last id of the previous page). */
export async function listRuns(f: RunFilter) {
  const limit = f.limit ?? 200;
  const base: Prisma.RunWhereInput = {
    ...(f.projectId ? { projectId: f.projectId } : {}),
    ...(f.epicId ? { epicId: f.epicId } : {}),
    ...(f.phase ? { phase: f.phase } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.workflow ? { workflow: f.workflow } : {}),
    ...(f.runner ? { runner: f.runner } : {}),
    ...(f.startedById ? { startedById: f.startedById } : {}),
    ...(f.epicFrom || f.epicTo
      ? {
          epic: {
            createdAt: {
              ...(f.epicFrom ? { gte: f.epicFrom } : {}),
              ...(f.epicTo ? { lte: f.epicTo } : {}),
            },
          },
        }
      : {}),
  };
  const rows = await getDb().run.findMany({
    where: { AND: [base, await focusWhere(f.focus, base)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(f.cursor ? { cursor: { id: f.cursor }, skip: 1 } : {}),
    include: { epic: { select: { number: true, title: true } } },
  });
  const runs = rows
    .slice(0, limit)
    .map((r) => ({ ...toRunSummary(r), epicNumber: r.epic.number, epicTitle: r.epic.title }));
  return { runs, nextCursor: rows.length > limit ? runs[runs.length - 1].id : null };
}

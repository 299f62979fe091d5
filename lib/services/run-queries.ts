import "server-only";
import { getDb } from "@/lib/db/client";
import { maxSeq, runEventsAfter, toRunSummary } from "@/lib/db/runs";
import type { RunSummary } from "@/lib/schemas/run";
import { changedFiles } from "./worktrees";

export type RunDetail = RunSummary & {
  epic: { id: string; number: number; title: string };
  project: { slug: string; name: string };
  files: { path: string; status: string }[];
  feedback: { id: string; message: string; mode: string; status: string; error: string | null; authorLabel: string; createdAt: string }[];
};

export async function getRunDetail(id: string): Promise<RunDetail | null> {
  const db = getDb();
  const run = await db.run.findUnique({ where: { id }, include: { epic: true, project: true, feedback: { orderBy: { createdAt: "asc" } } } });
  if (!run) return null;
  const files = run.epic.worktreePath ? await changedFiles(run.epic.worktreePath, run.project.defaultBranch).catch(() => []) : [];
  return {
    ...toRunSummary(run),
    epic: { id: run.epic.id, number: run.epic.number, title: run.epic.title },
    project: { slug: run.project.slug, name: run.project.name },
    files,
    feedback: run.feedback.map((f) => ({ id: f.id, message: f.message, mode: f.mode, status: f.status, error: f.error, authorLabel: f.authorLabel, createdAt: f.createdAt.toISOString() })),
  };
}

export async function listRunEvents(runId: string, after: number, limit: number) {
  const db = getDb();
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) return null;
  const events = await runEventsAfter(db, runId, after, limit + 1);
  const lastSeq = await maxSeq(db, runId);
  return { events: events.slice(0, limit), lastSeq, more: events.length > limit };
}

export async function listProjectRuns(projectId: string, take = 200) {
  const rows = await getDb().run.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take, include: { epic: { select: { number: true, title: true } } } });
  return rows.map((r) => ({ ...toRunSummary(r), epicNumber: r.epic.number, epicTitle: r.epic.title }));
}

import "server-only";
import { epicHistory, latestBoardSeq } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { findLiveEpic, listCards } from "@/lib/db/epics";
import { toRunSummary } from "@/lib/db/runs";
import { findProjectBySlug, listProjects, pipelinePhases } from "@/lib/db/projects";
import type { Board } from "@/lib/schemas/board";
import type { EpicDetail } from "@/lib/schemas/epic-detail";

/** The board snapshot and its resume point, read in one transaction so they agree. */
export async function getBoard(slug: string): Promise<Board | null> {
  return getDb().$transaction(async (tx) => {
    const project = await findProjectBySlug(tx, slug);
    if (!project) return null;
    const [phases, cards, seq] = await Promise.all([
      pipelinePhases(tx, project.id),
      listCards(tx, project.id),
      latestBoardSeq(tx, project.id),
    ]);
    return {
      project: { id: project.id, slug: project.slug, name: project.name },
      phases,
      cards,
      seq,
    };
  });
}

export async function getEpicDetail(epicId: string): Promise<EpicDetail | null> {
  const db = getDb();
  const epic = await findLiveEpic(db, epicId);
  if (!epic) return null;
  const [todos, history, runs] = await Promise.all([
    db.todo.findMany({ where: { epicId }, orderBy: { position: "asc" } }),
    epicHistory(db, epicId),
    db.run.findMany({ where: { epicId }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  return {
    id: epic.id,
    projectId: epic.projectId,
    number: epic.number,
    title: epic.title,
    description: epic.description,
    type: epic.type,
    priority: epic.priority,
    targetVersion: epic.targetVersion,
    keyRequirements: Array.isArray(epic.keyRequirements) ? (epic.keyRequirements as string[]) : [],
    phase: epic.phase,
    status: epic.status,
    createdAt: epic.createdAt.toISOString(),
    updatedAt: epic.updatedAt.toISOString(),
    todos: todos.map((t) => ({
      id: t.id,
      content: t.content,
      status: t.status,
      priority: t.priority,
      phase: t.phase,
      position: t.position,
      source: t.source,
    })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      actor: h.actorLabel,
      action: h.action,
      data: h.data ?? null,
    })),
    runs: runs.map(toRunSummary),
    branch: epic.branch,
    lastGate: (epic.lastGate as EpicDetail["lastGate"]) ?? null,
    worktreePath: epic.worktreePath,
  } as EpicDetail;
}

export async function listProjectsForNav() {
  return listProjects(getDb());
}

export async function getProjectForEdit(slug: string) {
  return findProjectBySlug(getDb(), slug);
}

export type EpicListFilter = {
  project: string;
  phase?: string;
  status?: string;
  q?: string;
  cursor?: string;
  limit: number;
};

/** A project's live epics by number, filtered, a page at a time; null when the project is unknown. */
export async function listEpics(f: EpicListFilter) {
  const db = getDb();
  const project = await db.project.findFirst({
    where: { OR: [{ slug: f.project }, { id: f.project }] },
    select: { id: true },
  });
  if (!project) return null;
  const q = f.q?.toLowerCase();
  const cards = (await listCards(db, project.id))
    .filter(
      (c) =>
        (!f.phase || c.phase === f.phase) &&
        (!f.status || c.status === f.status) &&
        (!q || c.title.toLowerCase().includes(q) || `#${c.number}` === q),
    )
    .sort((a, b) => a.number - b.number);
  const start = f.cursor ? cards.findIndex((c) => c.id === f.cursor) + 1 : 0;
  if (f.cursor && start === 0) return { rows: [], projectId: project.id };
  const rows = cards.slice(start, start + f.limit + 1);
  return { rows, projectId: project.id };
}

import { ACTIVE_RUN_STATUSES } from "@/lib/domain/run-status";
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { GateResultSchema, type EpicCard } from "@/lib/schemas/board";
import type { EpicStatus, EpicType, Priority } from "@/lib/domain/epic";
import type { Tx } from "./client";

const CARD_FIELDS = {
  id: true,
  number: true,
  title: true,
  type: true,
  priority: true,
  targetVersion: true,
  phase: true,
  status: true,
  position: true,
  updatedAt: true,
  lastGate: true,
  skippedPhase: true,
} as const;

type CardRow = {
  id: string;
  number: number;
  title: string;
  type: string;
  priority: string;
  targetVersion: string | null;
  phase: string;
  status: string;
  position: number;
  updatedAt: Date;
  lastGate: unknown;
  skippedPhase: string | null;
};

const RUN_FIELDS = {
  id: true,
  epicId: true,
  status: true,
  runner: true,
  phase: true,
  turns: true,
  maxTurns: true,
  currentAction: true,
} as const;
type ActiveRun = {
  id: string;
  epicId: string;
  status: string;
  runner: string;
  phase: string;
  turns: number;
  maxTurns: number;
  currentAction: string | null;
};

async function activeRuns(tx: Tx, where: Prisma.RunWhereInput): Promise<Map<string, ActiveRun>> {
  const runs = await tx.run.findMany({
    where: { ...where, status: { in: [...ACTIVE_RUN_STATUSES] } },
    select: RUN_FIELDS,
  });
  return new Map(runs.map((r) => [r.epicId, r]));
}

async function openDecisionCounts(
  tx: Tx,
  where: Prisma.DecisionWhereInput,
): Promise<Map<string, number>> {
  const groups = await tx.decision.groupBy({
    by: ["epicId"],
    where: { ...where, status: "open" },
    _count: { _all: true },
  });
  return new Map(groups.filter((g) => g.epicId).map((g) => [g.epicId!, g._count._all]));
}

type TodoGroup = { phase: string | null; status: string; count: number };

/** The card shows the progress of its current phase (todos of that phase, or of none); Done shows them all. */
function phaseProgress(groups: TodoGroup[] | undefined, phase: string) {
  const mine = (groups ?? []).filter(
    (g) => phase === "DONE" || g.phase === phase || g.phase === null,
  );
  return {
    done: mine.filter((g) => g.status === "completed").reduce((n, g) => n + g.count, 0),
    total: mine.reduce((n, g) => n + g.count, 0),
  };
}

function toCard(
  row: CardRow,
  todoGroups: TodoGroup[] | undefined,
  run: ActiveRun | undefined,
  decisions = 0,
): EpicCard {
  const { epicId: _epicId, ...cardRun } = run ?? ({} as ActiveRun);
  const { lastGate, ...fields } = row;
  const gate = GateResultSchema.safeParse(lastGate);
  const counts = phaseProgress(todoGroups, row.phase);
  return {
    ...fields,
    gate:
      gate.success && gate.data.phase === row.phase
        ? {
            phase: gate.data.phase,
            passed: gate.data.passed,
            pending: gate.data.pending,
            checks: gate.data.checks,
          }
        : null,
    run: run ? cardRun : null,
    openDecisions: decisions,
    type: row.type as EpicType,
    priority: row.priority as Priority,
    status: row.status as EpicStatus,
    todoDone: counts.done,
    todoTotal: counts.total,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function todoCounts(tx: Tx, where: Prisma.TodoWhereInput) {
  const groups = await tx.todo.groupBy({
    by: ["epicId", "phase", "status"],
    where,
    _count: { _all: true },
  });
  const counts = new Map<string, TodoGroup[]>();
  for (const g of groups)
    counts.set(g.epicId, [
      ...(counts.get(g.epicId) ?? []),
      { phase: g.phase, status: g.status, count: g._count._all },
    ]);
  return counts;
}

/** Every live card of a project, in lane order. Two queries whatever the board's size. */
export async function listCards(tx: Tx, projectId: string): Promise<EpicCard[]> {
  const rows = await tx.epic.findMany({
    where: { projectId, deletedAt: null },
    orderBy: [{ position: "asc" }, { number: "asc" }],
    select: CARD_FIELDS,
  });
  const counts = await todoCounts(tx, { epic: { projectId, deletedAt: null } });
  const runs = await activeRuns(tx, { projectId });
  const decisions = await openDecisionCounts(tx, { projectId });
  return rows.map((r) => toCard(r, counts.get(r.id), runs.get(r.id), decisions.get(r.id)));
}

export async function getCard(tx: Tx, epicId: string): Promise<EpicCard | null> {
  const row = await tx.epic.findFirst({
    where: { id: epicId, deletedAt: null },
    select: CARD_FIELDS,
  });
  if (!row) return null;
  return toCard(
    row,
    (await todoCounts(tx, { epicId })).get(epicId),
    (await activeRuns(tx, { epicId })).get(epicId),
    (await openDecisionCounts(tx, { epicId })).get(epicId),
  );
}

export function findLiveEpic(tx: Tx, epicId: string) {
  return tx.epic.findFirst({ where: { id: epicId, deletedAt: null } });
}

export async function nextEpicNumber(tx: Tx, projectId: string): Promise<number> {
  const last = await tx.epic.findFirst({
    where: { projectId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return (last?.number ?? 0) + 1;
}

/** A position that puts a card at the top of its lane. */
export async function topPosition(tx: Tx, projectId: string, phase: string): Promise<number> {
  const first = await tx.epic.findFirst({
    where: { projectId, phase, deletedAt: null },
    orderBy: { position: "asc" },
    select: { position: true },
  });
  return (first?.position ?? 1) - 1;
}

import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { DEFAULT_GATE, evaluateGate, type Gate, type GateCheck } from "@/lib/domain/gates";
import { GATE_OPTIONS } from "@/lib/domain/decisions";
import { announceDecision, insertDecision } from "@/lib/services/decision-store";

export type RunGate = {
  passed: boolean;
  pending: boolean;
  autoAdvance: boolean;
  checks: GateCheck[];
};

/** A try's own plan: the last todos its agent reported (they reach the epic only if it is chosen). */
async function trialRunTodos(run: { id: string; phase: string }) {
  const last = await getDb().runEvent.findFirst({
    where: { runId: run.id, kind: "todo_update" },
    orderBy: { seq: "desc" },
    select: { data: true },
  });
  const todos = ((last?.data as { todos?: { content: string; status: string }[] } | null)?.todos ??
    []) as { content: string; status: string }[];
  return todos.map((t) => ({ status: t.status, phase: run.phase, content: t.content }));
}

/** The phase's definition of done, checked against what the run left: its outcome, todos, metrics. */
export async function evaluateRunGate(
  run: { id: string; epicId: string; projectId: string; phase: string; trialId?: string | null },
  outcome: { status: string; error: string | null },
): Promise<RunGate> {
  const db = getDb();
  const [phase, todos, samples, approval] = await Promise.all([
    db.phase.findFirst({ where: { pipeline: { projectId: run.projectId }, key: run.phase } }),
    run.trialId
      ? trialRunTodos(run)
      : db.todo.findMany({
          where: { epicId: run.epicId },
          select: { status: true, phase: true, content: true },
        }),
    db.metricSample.findMany({
      where: { runId: run.id },
      orderBy: { createdAt: "asc" },
      select: { name: true, value: true },
    }),
    db.decision.findFirst({
      where: {
        epicId: run.epicId,
        source: "gate",
        runId: run.id,
        status: { in: ["answered", "auto_applied"] },
      },
    }),
  ]);
  const gate: Gate = { ...DEFAULT_GATE, ...((phase?.gate as Partial<Gate> | null) ?? {}) };
  const metrics = Object.fromEntries(samples.map((s) => [s.name, s.value]));
  const result = evaluateGate(gate, run.phase, {
    runStatus: outcome.status,
    runError: outcome.error,
    todos,
    metrics,
    approved: approval ? approval.answerOption === "approve" : null,
  });
  return { ...result, autoAdvance: phase?.autoAdvance ?? false };
}

/** The gate passed all but its approval: a person says whether the epic moves on. */
export async function askGateApproval(
  run: { id: string; epicId: string; projectId: string; phase: string },
  next: string | null,
) {
  const db = getDb();
  const epic = await db.epic.findUniqueOrThrow({ where: { id: run.epicId } });
  const { decision, seq } = await db.$transaction((tx) =>
    insertDecision(tx, SYSTEM_ACTOR, {
      projectId: run.projectId,
      epicId: run.epicId,
      runId: run.id,
      source: "gate",
      title: `Approve ${run.phase} of #${epic.number} “${epic.title}” and move it to ${next ?? "the next lane"}?`,
      context: `The ${run.phase} run passed every other check of the phase's gate.`,
      options: GATE_OPTIONS,
      impact: `The epic moves to ${next ?? "the next lane"}.`,
      answerRole: "approver",
    }),
  );
  await announceDecision(decision, seq, SYSTEM_ACTOR.label);
}

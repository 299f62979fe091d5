import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { pipelinePhases } from "@/lib/db/projects";
import { lastEventData } from "@/lib/db/runs";
import { DEFAULT_GATE, evaluateGate, type Gate, type GateCheck } from "@/lib/domain/gates";
import { DONE_LANE, phaseAfter } from "@/lib/domain/phases";
import { verdictIn, type ReviewVerdict } from "@/lib/domain/review";
import { engineBus } from "./engine-bus";
import { GATE_OPTIONS } from "@/lib/domain/decisions";
import { announceDecision, insertDecision } from "@/lib/services/decision-store";

export type RunGate = {
  passed: boolean;
  pending: boolean;
  autoAdvance: boolean;
  checks: GateCheck[];
  waitingFor?: ("approval" | "review")[];
  /** A reviewer agent's verdict (its VERDICT line), where the gate asks for one. */
  verdict?: ReviewVerdict | null;
};

/** A try's own plan: the last todos its agent reported (they reach the epic only if it is chosen). */
async function trialRunTodos(run: { id: string; phase: string }) {
  const last = await lastEventData<{ todos?: { content: string; status: string }[] }>(
    getDb(),
    run.id,
    "todo_update",
  );
  const todos = last?.todos ?? [];
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
  const verdict = gate.review === "agent" ? await agentVerdict(run.id) : undefined;
  const result = evaluateGate(gate, run.phase, {
    runStatus: outcome.status,
    runError: outcome.error,
    todos,
    metrics,
    approved: approval ? approval.answerOption === "approve" : null,
    review: gate.review === "person" ? await personVerdict(run) : verdict,
  });
  return {
    ...result,
    autoAdvance: phase?.autoAdvance ?? false,
    ...(verdict !== undefined ? { verdict } : {}),
  };
}

/** A reviewer agent's VERDICT line: in its result, else in the last things it said or printed. */
async function agentVerdict(runId: string) {
  const db = getDb();
  const row = await db.run.findUnique({ where: { id: runId }, select: { resultSummary: true } });
  const inResult = verdictIn(row?.resultSummary ?? "");
  if (inResult) return inResult;
  const said = await db.runEvent.findMany({
    where: { runId, kind: { in: ["text", "log"] } },
    orderBy: { seq: "desc" },
    take: 200,
    select: { data: true },
  });
  const lines = said
    .reverse()
    .map((e) => {
      const d = e.data as { text?: unknown; line?: unknown } | null;
      return String(d?.text ?? d?.line ?? "");
    })
    .join("\n");
  return verdictIn(lines);
}

/** A person's latest verdict on the phase given since the run started. */
async function personVerdict(run: { id: string; epicId: string; phase: string }) {
  const started = await getDb().run.findUnique({
    where: { id: run.id },
    select: { createdAt: true },
  });
  const review = await getDb().review.findFirst({
    where: {
      epicId: run.epicId,
      phase: run.phase,
      runId: null,
      createdAt: { gte: started?.createdAt ?? new Date(0) },
    },
    orderBy: { createdAt: "desc" },
  });
  return (review?.verdict as ReviewVerdict | undefined) ?? null;
}

/**
 * A person settled one of the checks the gate waits on after its run (the approval, the review):
 * the card moves on when every check then passes, and stays (waiting, or idle when one failed)
 * otherwise. Returns where the card went, or null. Nothing moves if the card left the phase.
 */
export async function settleGateCheck(
  run: { epicId: string; projectId: string; phase: string },
  check: GateCheck,
): Promise<string | null> {
  const db = getDb();
  const epic = await db.epic.findUniqueOrThrow({ where: { id: run.epicId } });
  if (epic.phase !== run.phase) return null;
  const last = (epic.lastGate ?? {}) as { checks?: GateCheck[]; phase?: string };
  if (last.phase && last.phase !== run.phase) return null;
  const checks = [...(last.checks ?? []).filter((c) => c.name !== check.name), check];
  const passed = checks.every((c) => c.passed);
  const pending = !passed && checks.every((c) => c.passed || /^Waiting/.test(c.detail));
  const phases = await pipelinePhases(db, run.projectId);
  const next = passed
    ? phaseAfter(
        phases.map((p) => p.key),
        run.phase,
      )
    : null;
  await db.epic.update({
    where: { id: epic.id },
    data: {
      status: next === DONE_LANE ? "done" : pending ? "waiting" : "idle",
      ...(next ? { phase: next, skippedPhase: null } : {}),
      lastGate: {
        ...last,
        checks,
        passed,
        pending,
        phase: run.phase,
        at: new Date().toISOString(),
      },
    },
  });
  const autoAdvance =
    (
      await db.phase.findFirst({
        where: { pipeline: { projectId: run.projectId }, key: run.phase },
        select: { autoAdvance: true },
      })
    )?.autoAdvance ?? false;
  if (next && next !== DONE_LANE && autoAdvance) engineBus.emit("epic:advance", epic.id);
  return next;
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

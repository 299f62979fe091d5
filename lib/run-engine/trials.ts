import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import { pipelinePhases } from "@/lib/db/projects";
import { mirrorAgentTodos } from "@/lib/db/run-writes";
import type { AgentTodo } from "@/lib/runners/events";
import { activeRunOf, lastEventData } from "@/lib/db/runs";
import { ACTIVE_RUN_STATUSES } from "@/lib/domain/run-status";
import { DONE_LANE, phaseAfter } from "@/lib/domain/phases";
import { AGENTS } from "@/lib/domain/agents";
import { runPlan } from "@/lib/runners";
import type { ChooseTrialRunInput, StartTrialInput } from "@/lib/schemas/trial";
import { commitChange, fail } from "@/lib/services/commit-change";
import { EPIC_NOT_FOUND } from "@/lib/services/epics";
import { removeWorktree } from "@/lib/services/worktrees";
import { dispatchRun, launchesHere } from "./dispatch";
import { engineBus } from "./engine-bus";
import type { RunGate } from "./gates";
import { leaseFromNow, NODE_ID } from "./node-id";

// "Try with several agents": one phase of an epic run by two or three agents (or models) at once,
// each in a worktree of its own (launch.ts), none moving the card (finish.ts). A person compares
// them (services/trials.ts) and continues with one: its branch, session, todos and gate become the
// epic's; the others' worktrees are removed and their branches kept, archived.

export const TRIAL_NOT_FOUND = "No such trial (it may have been deleted with its epic).";

export async function startTrial(actor: Actor, input: StartTrialInput) {
  const result = await commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    if (epic.phase === DONE_LANE)
      return fail("epic-done", "This epic is done: move it back to a phase to try that phase.");
    if (await activeRunOf(tx, epic.id))
      return fail("run-in-progress", "A run of this epic is already in progress.");
    const phase = await tx.phase.findFirst({
      where: { pipeline: { projectId: epic.projectId }, key: epic.phase },
    });
    if (!phase) return fail("phase-not-found", `The pipeline has no phase ${epic.phase}.`);
    if (phase.approvalRequired)
      return fail(
        "trial-gated",
        `${phase.name} needs an approval before it runs: start it with one agent.`,
      );
    const trial = await tx.trial.create({
      data: {
        projectId: epic.projectId,
        epicId: epic.id,
        phase: epic.phase,
        startedById: actor.id,
      },
    });
    const runIds: string[] = [];
    for (const t of input.tries) {
      const plan = runPlan(phase, { agent: t.agent, model: t.model });
      const run = await tx.run.create({
        data: {
          ...(launchesHere() ? { ownerId: NODE_ID, leaseUntil: leaseFromNow() } : {}),
          currentAction: launchesHere() ? "Starting the agent" : "Waiting for a node with room",
          projectId: epic.projectId,
          epicId: epic.id,
          trialId: trial.id,
          phase: epic.phase,
          runner: plan.runner,
          agent: plan.agent,
          model: plan.model,
          workflow: phase.workflow,
          maxTurns: phase.maxTurns,
          timeoutSec: phase.timeoutSec,
          startedById: actor.id,
        },
      });
      runIds.push(run.id);
    }
    await tx.epic.update({ where: { id: epic.id }, data: { status: "running" } });
    return {
      ok: true,
      value: { trialId: trial.id, runIds },
      audit: {
        action: "trial.start",
        objectType: "trial",
        objectId: trial.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: {
          phase: epic.phase,
          tries: input.tries.map((t) => (t.model ? `${t.agent} · ${t.model}` : t.agent)),
        },
      },
      board: { type: "epic:updated", epicId: epic.id },
    };
  });
  if (!result.ok) return result;
  for (const runId of result.data.runIds) await dispatchRun(runId, { held: launchesHere() });
  return result;
}

/** What a run's gate said when it ended (the last `gate` event), if it ended. */
const gateOf = (tx: Tx, runId: string) => lastEventData<RunGate>(tx, runId, "gate");

const lastTodos = async (tx: Tx, runId: string) =>
  (await lastEventData<{ todos?: AgentTodo[] }>(tx, runId, "todo_update"))?.todos ?? null;

export async function chooseTrialRun(actor: Actor, input: ChooseTrialRunInput) {
  const later: { remove: { repo: string; dir: string }[]; advance: boolean } = {
    remove: [],
    advance: false,
  };
  const result = await commitChange(actor, async (tx) => {
    const trial = await tx.trial.findUnique({
      where: { id: input.trialId },
      include: { runs: true, epic: { include: { project: true } } },
    });
    if (!trial) return fail("trial-not-found", TRIAL_NOT_FOUND);
    const chosen = trial.runs.find((r) => r.id === input.runId);
    if (!chosen) return fail("run-not-found", "That run is not one of this trial's tries.");
    if (trial.chosenRunId) {
      const was = trial.runs.find((r) => r.id === trial.chosenRunId);
      return fail(
        "trial-decided",
        `Already decided by ${trial.chosenBy ?? "someone"}: the epic went on with ${was?.agent ? AGENTS[was.agent as keyof typeof AGENTS]?.label : "one of them"}.`,
      );
    }
    if (trial.runs.some((r) => (ACTIVE_RUN_STATUSES as readonly string[]).includes(r.status)))
      return fail(
        "trial-running",
        "Wait for every try to end (or stop the ones still running) before choosing.",
      );
    const epic = await findLiveEpic(tx, trial.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const since = await tx.run.count({
      where: { epicId: epic.id, createdAt: { gt: trial.createdAt }, trialId: null },
    });
    if (epic.phase !== trial.phase || since > 0)
      return fail(
        "trial-stale",
        `The epic has moved on since this trial of ${trial.phase}: there is nothing to continue.`,
      );
    const gate = await gateOf(tx, chosen.id);
    const phases = (await pipelinePhases(tx, epic.projectId)).map((p) => p.key);
    const next = gate?.passed ? phaseAfter(phases, epic.phase) : null;
    const todos = await lastTodos(tx, chosen.id);
    if (todos) await mirrorAgentTodos(tx, epic.id, epic.phase, todos);
    await tx.epic.update({
      where: { id: epic.id },
      data: {
        worktreePath: chosen.worktreePath,
        branch: chosen.branch,
        sessionId: chosen.sessionId,
        status: next === DONE_LANE ? "done" : chosen.status === "completed" ? "idle" : "failed",
        ...(gate
          ? {
              lastGate: {
                ...gate,
                phase: trial.phase,
                runId: chosen.id,
                at: new Date().toISOString(),
              },
            }
          : {}),
        ...(next ? { phase: next, skippedPhase: null } : {}),
      },
    });
    await tx.trial.update({
      where: { id: trial.id },
      data: { chosenRunId: chosen.id, chosenBy: actor.label, decidedAt: new Date() },
    });
    // The others' worktrees (and the epic's earlier one) go; their branches stay, archived.
    const repo = trial.epic.project.repo;
    for (const r of trial.runs)
      if (r.id !== chosen.id && r.worktreePath && r.branch)
        later.remove.push({ repo, dir: r.worktreePath });
    if (epic.worktreePath && epic.branch && epic.worktreePath !== chosen.worktreePath)
      later.remove.push({ repo, dir: epic.worktreePath });
    later.advance = Boolean(next && next !== DONE_LANE && gate?.autoAdvance);
    return {
      ok: true,
      value: { runId: chosen.id, branch: chosen.branch, movedTo: next },
      audit: {
        action: "trial.choose",
        objectType: "trial",
        objectId: trial.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { runId: chosen.id, agent: chosen.agent, model: chosen.model, movedTo: next },
      },
      board: { type: "epic:updated", epicId: epic.id },
    };
  });
  if (!result.ok) return result;
  for (const w of later.remove)
    await removeWorktree(w.repo, w.dir).catch((e) =>
      console.error(`trial ${input.trialId}: removing ${w.dir}`, e),
    );
  if (later.advance) engineBus.emit("epic:advance", (await epicOfTrial(input.trialId))!);
  return result;
}

const epicOfTrial = async (trialId: string) =>
  (await getDb().trial.findUnique({ where: { id: trialId }, select: { epicId: true } }))?.epicId;

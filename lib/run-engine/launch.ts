import "server-only";
import { getDb } from "@/lib/db/client";
import { maxSeq, toRunSummary } from "@/lib/db/runs";
import { approvalAnswerRole } from "@/lib/domain/decisions";
import { patternBrief, promptVars, renderPrompt } from "@/lib/domain/prompt";
import { startRunner } from "@/lib/runners";
import type { RunnerName } from "@/lib/runners/types";
import type { AgentName } from "@/lib/domain/agents";
import { agentVariables } from "@/lib/services/project-settings";
import { headOf } from "@/lib/services/run-diff";
import { ensureTrialWorkspace } from "@/lib/services/trial-worktrees";
import { ensureWorkspace } from "@/lib/services/worktrees";
import { approvalCancelled, approvalRequested } from "./approvals";
import { finishRun } from "./finish";
import { agentActor, handoffFor, remoteOf, runKey } from "./launch-context";
import { LiveRun } from "./live-run";
import { liveRuns } from "./live-runs";
import { drainMailbox } from "./mailbox";
import { recordAgentProcess } from "./leftovers";
import { leaseFromNow, NODE_ID } from "./node-id";
import { applyCommand } from "./steer";

const logged = (runId: string, what: string) => (error: unknown) =>
  console.error(`run ${runId}: ${what}`, error);

/**
 * Starts the agent of a queued run (or resumes a run whose process died) and owns it until it
 * exits. The request that asked for it has long returned by then.
 */
export async function launchRun(
  runId: string,
  opts: { prompt?: string; resumeSessionId?: string | null; note?: string } = {},
): Promise<void> {
  const db = getDb();
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: { epic: { include: { todos: { orderBy: { position: "asc" } } } }, project: true },
  });
  const phase = await db.phase.findFirst({
    where: { pipeline: { projectId: run.projectId }, key: run.phase },
  });
  const live: LiveRun = new LiveRun(
    {
      id: run.id,
      epicId: run.epicId,
      projectId: run.projectId,
      phase: run.phase,
      maxTurns: run.maxTurns,
      timeoutSec: run.timeoutSec,
      trialId: run.trialId,
    },
    toRunSummary({ ...run, status: "running" }),
    await maxSeq(db, run.id),
    {
      status: "running",
      turns: run.turns,
      currentAction: "Starting the agent",
      costUsd: run.costUsd,
      inputTokens: run.inputTokens,
      outputTokens: run.outputTokens,
      sessionId: run.sessionId,
      resultSummary: run.resultSummary,
    },
    agentActor(run.phase),
    {
      onTurnLimit: () =>
        void applyCommand(live, { kind: "stop", cause: "max-turns", hard: true }).catch(
          logged(run.id, "turn limit"),
        ),
      onApprovalRequest: (e) =>
        void approvalRequested(live, e).catch(logged(run.id, "approval request")),
      onApprovalCancelled: (requestId) =>
        void approvalCancelled(live, requestId).catch(logged(run.id, "approval withdrawal")),
      poke: () => void drainMailbox([run.id]).catch(logged(run.id, "its commands")),
    },
  );
  live.costBase = run.costUsd;
  live.turnsBase = run.turns;
  live.approvalRole = approvalAnswerRole(run.project.developersAnswerApprovals);
  liveRuns.set(run.id, live);
  // Stopped before it started (a stop written while it waited in the queue): it ends, never started.
  if (run.stopRequested) {
    live.stoppedBy = "user";
    return finishRun(run.id, { code: null, signal: null });
  }

  let workspace: Awaited<ReturnType<typeof ensureWorkspace>>;
  try {
    if (run.trialId) {
      // One of several agents tried at once: a worktree of its own, the epic's untouched.
      const own = await ensureTrialWorkspace(run.project, run.epic, run);
      workspace = own;
      await db.run.update({
        where: { id: run.id },
        data: { worktreePath: own.cwd, branch: own.branch, startCommit: own.startCommit },
      });
    } else {
      workspace = await ensureWorkspace(run.project, run.epic);
      await db.epic.update({
        where: { id: run.epicId },
        data: { worktreePath: workspace.cwd, branch: workspace.branch },
      });
    }
  } catch (error) {
    live.startError = `Could not prepare the epic's workspace: ${error instanceof Error ? error.message : String(error)}`;
    live.record("error", { message: live.startError });
    return finishRun(run.id, { code: null, signal: null });
  }
  live.cwd = workspace.cwd;
  live.inWorktree = workspace.worktree;
  const epic = run.epic;
  // The prompt it was started with (a follow-up's message), else the phase's template.
  const given = opts.prompt ?? run.prompt ?? undefined;
  const rendered =
    given ??
    renderPrompt(
      phase?.promptTemplate ||
        "Work on {feature_name}.\n\n{description}\n\nKey requirements:\n{key_requirements}",
      {
        ...promptVars({
          ...epic,
          keyRequirements: (epic.keyRequirements as string[]) ?? [],
          todos: epic.todos,
          handoff: await handoffFor(epic.id, run.id),
        }),
      },
    );
  const picked = given
    ? []
    : await db.patternUse.findMany({
        where: { runId: run.id },
        orderBy: { createdAt: "asc" },
        select: { pattern: true },
      });
  const prompt = [rendered, patternBrief(picked.map((u) => u.pattern))]
    .filter(Boolean)
    .join("\n\n");
  const resume = opts.resumeSessionId !== undefined ? opts.resumeSessionId : run.resumeFrom;
  await db.run.update({
    where: { id: run.id },
    data: {
      status: "running",
      startedAt: run.startedAt ?? new Date(),
      branch: workspace.branch,
      // Where its change starts: kept from its first launch (a resumed run goes on from there).
      startCommit:
        run.startCommit ??
        ("startCommit" in workspace
          ? (workspace.startCommit as string | null)
          : workspace.worktree
            ? await headOf(workspace.cwd)
            : null),
      ownerId: NODE_ID,
      leaseUntil: leaseFromNow(),
    },
  });
  live.record("status", {
    status: "running",
    runner: run.runner,
    cwd: workspace.cwd,
    branch: workspace.branch,
    resumedSession: resume,
    note: opts.note ?? null,
  });
  live.record("prompt", { text: prompt });

  // A follow-up's message is its prompt: acknowledged when the agent takes the prompt in.
  const followUp = await db.feedback.findFirst({
    where: { runId: run.id, status: "delivered" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (followUp) live.awaitingAck.push(followUp.id);
  try {
    live.handle = startRunner(
      run.runner as RunnerName,
      {
        runId: run.id,
        cwd: workspace.cwd,
        prompt,
        promptId: followUp?.id,
        maxTurns: run.maxTurns,
        model: run.model,
        agent: run.agent as AgentName | null,
        resumeSessionId: resume,
        command: phase?.command,
        holdOpen: () => live.openAgentDecisions > 0 || live.pendingApprovals.size > 0,
        // The project's variables and secrets; Hiveboard's own (the MCP URL and key) win.
        env: await agentVariables(run.projectId),
        mcp: await runKey(run),
        remote: remoteOf(run, workspace.branch),
      },
      (e) => live.intake(e),
    );
  } catch (error) {
    live.startError = error instanceof Error ? error.message : String(error);
    live.record("error", { message: live.startError });
    return finishRun(run.id, { code: null, signal: null });
  }
  await recordAgentProcess(run.id, live.handle.pid);
  // What was asked of it while it waited (a stop, feedback) is applied now.
  await drainMailbox([run.id]);

  const timer = setTimeout(
    () =>
      void applyCommand(live, { kind: "stop", cause: "timeout", hard: true }).catch(
        logged(run.id, "timeout"),
      ),
    run.timeoutSec * 1000,
  );
  timer.unref();
  const exit = await live.handle.exited;
  clearTimeout(timer);
  await finishRun(run.id, exit);
}

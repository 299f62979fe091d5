import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { isActiveRun } from "@/lib/domain/run-status";
import { toAutomagikStatus, fromAutomagikStatus } from "@/lib/domain/automagik";
import type { AutomagikRunInput } from "@/lib/schemas/automagik";
import type { ActionResult } from "@/lib/schemas/common";
import { createEpic } from "./epics";
import { controlRun, sendFeedback, startRun } from "@/lib/run-engine";
import { removeEpicWorktree } from "./epic-worktree";
import { fail } from "./commit-change";

/** The pipeline's workflows, as the Automagik API lists them: one per phase. */
export async function listWorkflows(projectId: string) {
  const phases = await getDb().phase.findMany({
    where: { pipeline: { projectId } },
    orderBy: { position: "asc" },
  });
  return phases.map((p) => ({
    name: p.workflow,
    phase: p.key,
    description: `${p.name}: the ${p.key} phase of the pipeline`,
    valid: true,
    runner: p.runner,
    max_turns: p.maxTurns,
    timeout: p.timeoutSec,
  }));
}

/** Which project a call is about: ?project=<slug>, else the one whose repository is repository_url, else the first. */
export async function resolveProject(slug: string | null, repositoryUrl?: string | null) {
  const db = getDb();
  if (slug) return db.project.findUnique({ where: { slug } });
  if (repositoryUrl) {
    const byRepo = await db.project.findFirst({ where: { repo: repositoryUrl } });
    if (byRepo) return byRepo;
  }
  return db.project.findFirst({ orderBy: { createdAt: "asc" } });
}

type Started = {
  run_id: string;
  status: string;
  message: string;
  session_id: string;
  workflow_name: string;
  started_at: string;
};

/**
 * POST /run/{workflow}: the run lands on the board, on the epic named by session_name (created when
 * needed, in the workflow's phase); session_id (an epic id from an earlier answer) continues that epic's session.
 */
export async function startWorkflowRun(
  actor: Actor,
  projectId: string,
  workflow: string,
  input: AutomagikRunInput,
): Promise<ActionResult<Started>> {
  const db = getDb();
  const phases = await db.phase.findMany({
    where: { pipeline: { projectId } },
    orderBy: { position: "asc" },
  });
  const phase =
    phases.find((p) => p.workflow === workflow) ??
    phases.find((p) => p.key.toLowerCase() === workflow.toLowerCase());
  if (!phase)
    return fail(
      "workflow-not-found",
      `Workflow '${workflow}' not found. Available: ${phases.map((p) => p.workflow).join(", ")}.`,
    );

  let epic = input.session_id
    ? await db.epic.findFirst({ where: { id: input.session_id, projectId, deletedAt: null } })
    : null;
  if (input.session_id && !epic)
    return fail(
      "session-not-found",
      `No session ${input.session_id}: pass a session_id from an earlier run, or a session_name.`,
    );
  const title = (input.session_name ?? input.message.split("\n")[0])
    .trim()
    .slice(0, 140)
    .padEnd(3, ".");
  epic ??= input.session_name
    ? await db.epic.findFirst({
        where: { projectId, title, deletedAt: null },
        orderBy: { number: "desc" },
      })
    : null;
  if (!epic) {
    const denied = authorize(actor, "epic:create");
    if (denied) return denied;
    const created = await createEpic(actor, {
      projectId,
      title,
      description: input.message,
      type: "feature",
      priority: "medium",
      targetVersion: null,
      keyRequirements: [],
    });
    if (!created.ok) return created;
    epic = await db.epic.update({ where: { id: created.data.id }, data: { phase: phase.key } });
  }
  const started = await startRun(actor, {
    epicId: epic.id,
    phase: phase.key,
    prompt: input.message,
    maxTurns: input.max_turns,
    timeoutSec: input.timeout,
    resumeSessionId: input.session_id ? epic.sessionId : undefined,
  });
  if (!started.ok) return started;
  return {
    ok: true,
    data: {
      run_id: started.data.runId,
      status: "pending",
      message: `Workflow '${phase.workflow}' started on epic #${epic.number} “${epic.title}”`,
      session_id: epic.id,
      workflow_name: phase.workflow,
      started_at: new Date().toISOString(),
    },
  };
}

/** GET /run/{id}/status, in the Automagik shape. */
export async function workflowRunStatus(runId: string) {
  const run = await getDb().run.findUnique({
    where: { id: runId },
    include: { epic: { select: { id: true, title: true } } },
  });
  if (!run) return null;
  const status = toAutomagikStatus(run.status);
  const running = isActiveRun(run.status);
  const ended = run.endedAt ?? (running ? null : run.createdAt);
  return {
    run_id: run.id,
    status,
    workflow_name: run.workflow,
    session_id: run.epic.id,
    session_name: run.epic.title,
    started_at: (run.startedAt ?? run.createdAt).toISOString(),
    completed_at: running ? null : ended!.toISOString(),
    execution_time_seconds: run.startedAt
      ? Math.round(((ended ?? new Date()).getTime() - run.startedAt.getTime()) / 1000)
      : null,
    progress: {
      turns: run.turns,
      max_turns: run.maxTurns,
      completion_percentage:
        status === "completed"
          ? 100
          : Math.min(99, Math.round((run.turns / Math.max(1, run.maxTurns)) * 1000) / 10),
      current_phase: run.phase,
      current_action: run.currentAction,
      is_running: running,
    },
    metrics: {
      cost_usd: run.costUsd,
      tokens: {
        total: run.inputTokens + run.outputTokens,
        input: run.inputTokens,
        output: run.outputTokens,
      },
    },
    result: {
      success: running ? null : status === "completed",
      completion_type: running
        ? "running"
        : status === "completed"
          ? "completed_successfully"
          : status,
      message: running
        ? `Running: turn ${run.turns} of ${run.maxTurns}`
        : status === "completed"
          ? "Workflow completed successfully"
          : (run.error ?? `Workflow ${status}`),
      final_output: run.resultSummary,
    },
    error: run.error,
  };
}

export type RunListQuery = {
  projectId: string;
  page: number;
  page_size: number;
  status?: string;
  workflow_name?: string;
};

/** GET /runs: newest first, page by page. */
export async function listWorkflowRuns(q: RunListQuery) {
  const db = getDb();
  const where = {
    projectId: q.projectId,
    ...(q.status ? { status: { in: fromAutomagikStatus(q.status) } } : {}),
    ...(q.workflow_name ? { workflow: q.workflow_name } : {}),
  };
  const [total, rows] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.page_size,
      take: q.page_size,
      include: { epic: { select: { id: true, title: true } } },
    }),
  ]);
  return {
    runs: rows.map((r) => ({
      run_id: r.id,
      workflow_name: r.workflow,
      status: toAutomagikStatus(r.status),
      session_id: r.epic.id,
      session_name: r.epic.title,
      started_at: (r.startedAt ?? r.createdAt).toISOString(),
      completed_at: r.endedAt?.toISOString() ?? null,
      turns: r.turns,
      max_turns: r.maxTurns,
      cost_usd: r.costUsd,
      success: isActiveRun(r.status) ? null : r.status === "completed",
    })),
    total_count: total,
    page: q.page,
    page_size: q.page_size,
    has_next: q.page * q.page_size < total,
  };
}

/** POST /run/{id}/add-message: feedback into the running agent (or a follow-up when it has ended). */
export async function addRunMessage(
  actor: Actor,
  runId: string,
  content: string,
  idempotencyKey: string | null,
) {
  const sent = await sendFeedback(actor, {
    runId,
    message: content,
    mode: "send",
    clientKey: idempotencyKey ?? `automagik-${randomUUID()}`,
  });
  if (!sent.ok) return sent;
  return {
    ok: true as const,
    data: {
      success: true,
      run_id: sent.data.runId,
      message_id: sent.data.feedbackId,
      status: sent.data.status,
      message:
        sent.data.runId === runId
          ? "Message queued for the running agent"
          : "The run had ended: the message continues it as a new run",
      duplicate: sent.data.duplicate,
    },
  };
}

/** GET /run/{id}/message-queue: what was sent to the run and how far each message got. */
export async function runMessageQueue(runId: string) {
  const run = await getDb().run.findUnique({
    where: { id: runId },
    include: { feedback: { orderBy: { createdAt: "asc" } } },
  });
  if (!run) return null;
  const messages = run.feedback.map((f) => ({
    id: f.id,
    message_type: "user",
    content: f.message,
    status: f.status,
    author: f.authorLabel,
    created_at: f.createdAt.toISOString(),
    delivered_at: f.deliveredAt?.toISOString() ?? null,
    error: f.error,
  }));
  return {
    run_id: run.id,
    messages,
    pending_count: messages.filter((m) => m.status === "queued").length,
  };
}

export async function killWorkflowRun(actor: Actor, runId: string) {
  const r = await controlRun(actor, { runId }, "kill");
  if (!r.ok) return r;
  return {
    ok: true as const,
    data: {
      success: true,
      run_id: runId,
      message: "Workflow killed",
      status: "killed",
      killed_at: new Date().toISOString(),
    },
  };
}

/** POST /run/{id}/cleanup: an ended run's worktree goes (its branch stays). */
export async function cleanupWorkflowRun(actor: Actor, runId: string) {
  const run = await getDb().run.findUnique({
    where: { id: runId },
    include: { epic: { select: { id: true, worktreePath: true } } },
  });
  if (!run) return fail("run-not-found", "No run with that id.");
  if (isActiveRun(run.status))
    return fail("run-in-progress", "The run is still going: kill it before cleaning up.");
  if (!run.epic.worktreePath)
    return {
      ok: true as const,
      data: {
        success: true,
        run_id: runId,
        message: "Nothing to clean up: the workspace is already gone",
        cleaned: false,
      },
    };
  const removed = await removeEpicWorktree(actor, { id: run.epic.id });
  if (!removed.ok) return removed;
  return {
    ok: true as const,
    data: {
      success: true,
      run_id: runId,
      message: "Workspace removed; the branch stays",
      cleaned: true,
    },
  };
}

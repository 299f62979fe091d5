import "server-only";
import { getDb } from "@/lib/db/client";
import { isActiveRun } from "@/lib/domain/run-status";
import { toAutomagikStatus, fromAutomagikStatus } from "@/lib/domain/automagik";
import { toMicro, toSecond } from "@/lib/domain/automagik-status";
import type { AutomagikRunInput } from "@/lib/schemas/automagik";
import type { ActionResult } from "@/lib/schemas/common";
import type { Doors } from "./automagik-doors";
import { fail } from "./commit-change";

// The Automagik workflows API (/api/v1/workflows/claude-code) over Hiveboard's board: workflows are
// phases, sessions are epics, runs are runs. Every write goes through the action catalog (`doors`):
// the same schema, permission, audit and errors as the REST API and the pages.

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

/** GET /manage: the real server's WorkflowInfo list (a bare array), with Hiveboard's fields kept. */
export async function manageWorkflows(projectId: string) {
  return (await listWorkflows(projectId)).map((w) => ({
    ...w,
    path: `/workflows/${w.name}`,
    icon: "Bot",
    mainColour: "#4F46E5",
    displayName: w.name.charAt(0).toUpperCase() + w.name.slice(1),
    category: w.phase.toLowerCase(),
    capabilities: [w.runner],
    emoji: "🤖",
    maxTurns: w.max_turns,
    suggestedTurns: w.max_turns,
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
  /** Git results the real server fills when a workflow ends; a run that just started has none. */
  auto_commit_sha: string | null;
  pr_url: string | null;
  merge_sha: string | null;
};

/**
 * POST /run/{workflow}: the run lands on the board, on the epic named by session_name (created when
 * needed, in the workflow's phase); session_id (an epic id from an earlier answer) continues that epic's session.
 */
export async function startWorkflowRun(
  doors: Doors,
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
    const created = await doors.createEpic({
      projectId,
      title,
      description: input.message,
      type: "feature",
      priority: "medium",
      keyRequirements: [],
    });
    if (!created.ok) return created;
    epic = await db.epic.update({ where: { id: created.data.id }, data: { phase: phase.key } });
  }
  const started = await doors.startRun({
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
      started_at: toSecond(new Date()),
      auto_commit_sha: null,
      pr_url: null,
      merge_sha: null,
    },
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
    runs: rows.map((r) => {
      const seconds =
        r.startedAt && r.endedAt ? (r.endedAt.getTime() - r.startedAt.getTime()) / 1000 : null;
      return {
        run_id: r.id,
        status: toAutomagikStatus(r.status),
        workflow_name: r.workflow,
        started_at: toSecond(r.createdAt),
        completed_at: r.endedAt ? toMicro(r.endedAt) : null,
        execution_time: seconds,
        execution_time_seconds: seconds,
        total_tokens: r.inputTokens + r.outputTokens,
        total_cost: r.costUsd,
        turns: r.turns,
        result: r.resultSummary?.slice(0, 500) ?? null,
        input_tokens: r.inputTokens,
        output_tokens: r.outputTokens,
        session_name: r.epic.title,
        git_branch: r.branch,
        error_message: r.error,
        // Hiveboard's own.
        session_id: r.epic.id,
        max_turns: r.maxTurns,
        cost_usd: r.costUsd,
        success: isActiveRun(r.status) ? null : r.status === "completed",
      };
    }),
    total_count: total,
    page: q.page,
    page_size: q.page_size,
    has_next: q.page * q.page_size < total,
  };
}

/** POST /run/{id}/cleanup: an ended run's worktree goes (its branch stays). */
export async function cleanupWorkflowRun(doors: Doors, runId: string) {
  const began = Date.now();
  const run = await getDb().run.findUnique({
    where: { id: runId },
    include: { epic: { select: { id: true, worktreePath: true } } },
  });
  if (!run) return fail("run-not-found", "No run with that id.");
  if (isActiveRun(run.status))
    return fail("run-in-progress", "The run is still going: kill it before cleaning up.");
  const done = (cleaned: boolean, message: string) => ({
    ok: true as const,
    data: {
      success: true,
      run_id: runId,
      workflow_name: run.workflow,
      cleanup_time: toMicro(new Date()),
      cleanup_duration_ms: Date.now() - began,
      cleanup_details: { workspace_removed: cleaned, branch_kept: run.branch },
      message,
      cleaned,
    },
  });
  if (!run.epic.worktreePath)
    return done(false, "Nothing to clean up: the workspace is already gone");
  const removed = await doors.removeWorktree({ id: run.epic.id });
  if (!removed.ok) return removed;
  return done(true, "Workspace removed; the branch stays");
}

import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { toAutomagikStatus } from "@/lib/domain/automagik";
import { automagikStatus, toMicro, type RunTrace } from "@/lib/domain/automagik-status";
import { isActiveRun } from "@/lib/domain/run-status";
import type { Doors } from "./automagik-doors";
import { fail } from "./commit-change";

// One run through the Automagik workflows API: its status, the messages sent into it, its end.

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const fileOf = (input: unknown) => {
  const i = (input ?? {}) as Json;
  const f = i.file_path ?? i.notebook_path ?? i.path;
  return typeof f === "string" ? f : null;
};

/** What the agent did, as the status needs it: its tools (and files), its results. */
async function traceOf(runId: string): Promise<RunTrace> {
  const events = await getDb().runEvent.findMany({
    where: { runId, kind: { in: ["tool_use", "result"] } },
    orderBy: { seq: "asc" },
    select: { kind: true, data: true },
  });
  const trace: RunTrace = { tools: [], results: [] };
  for (const e of events) {
    const d = (e.data ?? {}) as Json;
    if (e.kind === "tool_use" && typeof d.name === "string")
      trace.tools.push({ name: d.name, file: fileOf(d.input) });
    if (e.kind === "result")
      trace.results.push({
        cacheCreatedTokens: num(d.cacheCreatedTokens),
        cacheReadTokens: num(d.cacheReadTokens),
        durationMs: typeof d.durationMs === "number" ? d.durationMs : null,
      });
  }
  return trace;
}

/** GET /run/{id}/status, field for field as the real server answers. */
export async function workflowRunStatus(runId: string) {
  const run = await getDb().run.findUnique({
    where: { id: runId },
    include: { epic: { select: { id: true, title: true } } },
  });
  if (!run) return null;
  return automagikStatus(run, await traceOf(run.id));
}

/** The real server's queue_stats, read off the messages sent into the run. */
async function queueStats(runId: string) {
  const messages = await getDb().feedback.findMany({
    where: { runId },
    orderBy: { createdAt: "asc" },
  });
  const waiting = messages.filter((m) => m.status === "queued");
  return {
    messages,
    stats: {
      run_id: runId,
      current_size: waiting.length,
      total_added: messages.length,
      total_consumed: messages.filter((m) => m.status !== "queued" && m.status !== "failed").length,
      oldest_message_age: waiting.length
        ? Math.round((Date.now() - waiting[0].createdAt.getTime()) / 10) / 100
        : null,
    },
  };
}

/**
 * POST /run/{id}/add-message: into the running agent. As on the real server, a run that has
 * ended takes no message (400); the same Idempotency-Key twice delivers once.
 */
export async function addRunMessage(
  doors: Doors,
  runId: string,
  input: { message_type: string; content: string },
  idempotencyKey: string | null,
) {
  const run = await getDb().run.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) return fail("run-not-found", `Workflow run ${runId} not found`);
  if (!isActiveRun(run.status))
    return fail(
      "run-ended",
      `Cannot add messages to workflow in ${toAutomagikStatus(run.status)} state`,
    );
  const sent = await doors.sendFeedback({
    runId,
    message: input.content,
    mode: "send",
    clientKey: idempotencyKey ?? `automagik-${randomUUID()}`,
  });
  if (!sent.ok) return sent;
  const { stats } = await queueStats(runId);
  return {
    ok: true as const,
    data: {
      success: true,
      message: "Message added to queue",
      queue_size: stats.current_size,
      run_id: runId,
      queue_stats: stats,
      // Hiveboard's own: the message's id and how far it got.
      message_id: sent.data.feedbackId,
      status: sent.data.status,
      duplicate: sent.data.duplicate,
    },
  };
}

/** GET /run/{id}/message-queue: the real server's stats, and each message and how far it got. */
export async function runMessageQueue(runId: string) {
  const run = await getDb().run.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) return null;
  const { messages, stats } = await queueStats(runId);
  const listed = messages.map((f) => ({
    id: f.id,
    message_type: "user",
    content: f.message,
    status: f.status,
    author: f.authorLabel,
    created_at: toMicro(f.createdAt),
    delivered_at: f.deliveredAt ? toMicro(f.deliveredAt) : null,
    error: f.error,
  }));
  return {
    success: true,
    run_id: run.id,
    queue_stats: stats,
    messages: listed,
    pending_count: stats.current_size,
  };
}

/** POST /run/{id}/kill: the agent is killed at once (whichever node holds it). */
export async function killWorkflowRun(doors: Doors, runId: string) {
  const began = Date.now();
  const run = await getDb().run.findUnique({ where: { id: runId }, select: { workflow: true } });
  const r = await doors.killRun({ runId });
  if (!r.ok) return r;
  const ms = Date.now() - began;
  return {
    ok: true as const,
    data: {
      success: true,
      run_id: runId,
      workflow_name: run?.workflow ?? null,
      killed_at: toMicro(new Date()),
      kill_method: "force",
      kill_duration_ms: ms,
      cleanup_status: { session_updated: true, audit_logged: true, process_terminated: true },
      message: `Workflow ${run?.workflow ?? runId} (force killed) in ${(ms / 1000).toFixed(2)}s`,
      status: "killed",
    },
  };
}

// Pure: a run as the Automagik workflows server reports it (GET /run/{id}/status), field for field —
// its lifecycle phase, metrics and result — from what Hiveboard recorded. Formats follow the real
// server (Python's naive isoformat: no zone; started_at to the second, completed_at to the µs).
import { toAutomagikStatus } from "./automagik";

/** The lifecycle phases the real server names, in order, before it ends completed or failed. */
export const LIFECYCLE = ["initialization", "planning", "analysis", "implementation"] as const;
type Lifecycle = (typeof LIFECYCLE)[number];

const PLANNING = new Set(["TodoWrite", "ExitPlanMode", "Task"]);
const IMPLEMENTATION = new Set(["Edit", "Write", "MultiEdit", "NotebookEdit"]);

/** Which phase a tool's use shows the agent in. */
export function phaseOfTool(name: string): Lifecycle {
  if (IMPLEMENTATION.has(name)) return "implementation";
  if (PLANNING.has(name)) return "planning";
  return "analysis";
}

/** 2025-06-20T19:10:58 (UTC, no fraction, no zone). */
export const toSecond = (d: Date) => d.toISOString().slice(0, 19);
/** 2025-06-20T19:12:03.123000 (UTC, microseconds, no zone). */
export const toMicro = (d: Date) => `${d.toISOString().slice(0, 23)}000`;

export type RunFacts = {
  id: string;
  status: string;
  workflow: string;
  turns: number;
  maxTurns: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  currentAction: string | null;
  resultSummary: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  epic: { id: string; title: string };
};
export type RunTrace = {
  /** Tool uses in order: name and the file it touched, if any. */
  tools: { name: string; file: string | null }[];
  /** The agent's results: cache tokens and API time. */
  results: { cacheCreatedTokens: number; cacheReadTokens: number; durationMs: number | null }[];
};

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

function lifecycle(status: string, tools: RunTrace["tools"]) {
  const reached = new Set<Lifecycle>(["initialization"]);
  for (const t of tools) reached.add(phaseOfTool(t.name));
  const order = LIFECYCLE.filter((p) => reached.has(p));
  const ended = status !== "queued" && status !== "running" && status !== "waiting";
  if (ended) return { current: status === "completed" ? "completed" : "failed", completed: order };
  if (status === "queued" || tools.length === 0)
    return { current: "initialization", completed: [] };
  return { current: order[order.length - 1], completed: order.slice(0, -1) };
}

function files(tools: RunTrace["tools"]) {
  const created: string[] = [];
  const changed = new Map<string, { path: string; tool: string; created: boolean }>();
  for (const t of tools) {
    if (!t.file || !IMPLEMENTATION.has(t.name)) continue;
    const first = !changed.has(t.file);
    if (first && t.name === "Write") created.push(t.file);
    changed.set(t.file, { path: t.file, tool: t.name, created: created.includes(t.file) });
  }
  return { created, changed: [...changed.values()] };
}

function completionType(run: RunFacts) {
  if (run.status === "completed") return "completed_successfully";
  if (/limit of \d+ turns/.test(run.error ?? "")) return "max_turns_reached";
  return (
    { queued: "pending", running: "running", waiting: "running", timed_out: "timeout" }[
      run.status as "queued"
    ] ?? toAutomagikStatus(run.status)
  );
}

/** The real server's status answer, plus Hiveboard's own fields (session, current action, error). */
export function automagikStatus(run: RunFacts, trace: RunTrace, now = new Date()) {
  const status = toAutomagikStatus(run.status);
  const running = status === "pending" || status === "running";
  const began = run.startedAt ?? run.createdAt;
  const end = running ? now : (run.endedAt ?? run.startedAt ?? run.createdAt);
  const elapsed = Math.max(0, (end.getTime() - began.getTime()) / 1000);
  const phase = lifecycle(run.status, trace.tools);
  const ratio = run.turns / Math.max(1, run.maxTurns);
  const cacheCreated = Math.max(0, ...trace.results.map((r) => r.cacheCreatedTokens));
  const cacheRead = Math.max(0, ...trace.results.map((r) => r.cacheReadTokens));
  const changed = files(trace.tools);
  const successful = status === "completed";
  return {
    run_id: run.id,
    status,
    workflow_name: run.workflow,
    started_at: toSecond(run.createdAt),
    completed_at: running ? null : toMicro(end),
    execution_time_seconds: run.startedAt ? round(elapsed, 3) : 0,
    progress: {
      turns: run.turns,
      max_turns: run.maxTurns,
      current_phase: phase.current,
      phases_completed: phase.completed,
      is_running: running,
      completion_percentage: successful ? 100 : round(Math.min(99, ratio * 100), 1),
      // At the pace so far, when the turn budget would be spent: an upper bound.
      estimated_completion:
        running && run.startedAt && run.turns > 0
          ? toMicro(new Date(run.startedAt.getTime() + (elapsed / ratio) * 1000))
          : null,
      current_action: run.currentAction,
    },
    metrics: {
      cost_usd: run.costUsd,
      tokens: {
        total: run.inputTokens + run.outputTokens,
        input: run.inputTokens,
        output: run.outputTokens,
        cache_created: cacheCreated,
        cache_read: cacheRead,
        cache_efficiency: run.inputTokens ? round((cacheRead / run.inputTokens) * 100, 1) : 0,
      },
      tools_used: [...new Set(trace.tools.map((t) => t.name))],
      api_duration_ms: trace.results.reduce((sum, r) => sum + (r.durationMs ?? 0), 0),
      // Hiveboard's: 100 for work done in no turns, 50 for all of them; 0 when it did not succeed.
      performance_score: running ? null : successful ? round(100 - 50 * Math.min(1, ratio), 1) : 0,
    },
    result: {
      success: successful,
      completion_type: completionType(run),
      message: running
        ? `Running: turn ${run.turns} of ${run.maxTurns}`
        : successful
          ? "Workflow completed successfully"
          : (run.error ?? `Workflow ${status}`),
      final_output: run.resultSummary,
      files_created: changed.created,
      git_commits: [] as string[],
      files_changed: changed.changed,
    },
    session_id: run.epic.id,
    session_name: run.epic.title,
    error: run.error,
  };
}

/** Fields the real server types as float: written with a decimal point even when whole. */
export const FLOAT_FIELDS = [
  "execution_time_seconds",
  "completion_percentage",
  "cost_usd",
  "cache_efficiency",
  "performance_score",
  "execution_time",
  "total_cost",
  "oldest_message_age",
];

/** JSON as the Python server writes it: 100.0, not 100, in the fields it types as float. */
export function pythonJson(value: unknown): string {
  const names = FLOAT_FIELDS.join("|");
  return JSON.stringify(value).replace(
    new RegExp(`"(${names})":(-?\\d+)(?=[,}])`, "g"),
    (_m, name: string, n: string) => `"${name}":${n}.0`,
  );
}

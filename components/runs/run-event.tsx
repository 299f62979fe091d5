"use client";
import { memo } from "react";
import { Markdown } from "@/components/ui/markdown";
import type { GateResult } from "@/lib/domain/gates";
import type { RunEventRow } from "@/lib/schemas/run";
import { cn } from "@/lib/utils/cn";
import { plural } from "@/lib/utils/format";
import { FEEDBACK_LABEL, RUN_STATUS_LABEL } from "./run-labels";

type D = Record<string, unknown>;
const s = (v: unknown) =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v, null, 2);

function Folded({ summary, body, tone }: { summary: string; body: string; tone?: "error" }) {
  return (
    <details
      className={cn(
        "rounded-md border text-sm",
        tone === "error" ? "border-red-200 bg-red-50" : "border-slate-200 bg-surface",
      )}
    >
      <summary
        className={cn(
          "cursor-pointer px-3 py-1.5",
          tone === "error" ? "text-red-700" : "text-slate-600",
        )}
      >
        {summary}
      </summary>
      <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words border-t border-inherit px-3 py-2 font-mono text-xs text-slate-700">
        {body}
      </pre>
    </details>
  );
}

/** What a failed result means, in words (the CLI's subtypes are for machines). */
function resultProblem(subtype: string): string {
  switch (subtype) {
    case "error_during_execution":
      return "The agent was interrupted";
    case "error_max_turns":
      return "The agent reached its turn limit";
    case "error_max_budget_usd":
      return "The agent reached its budget";
    default:
      return "The agent stopped with an error";
  }
}

/** The phase's definition of done, as checked at the end of the run. */
function GateLine({ gate }: { gate: GateResult }) {
  const met = gate.checks.filter((c) => c.passed).length;
  const summary = gate.pending
    ? "Definition of done: waiting for an approval"
    : gate.checks.length === 0
      ? "Definition of done: nothing to check"
      : `Definition of done ${gate.passed ? "met" : "not met"}: ${met} of ${plural(gate.checks.length, "check")} passed`;
  return (
    <details
      data-testid="run-gate"
      className={cn(
        "rounded-md text-sm ring-1",
        gate.passed
          ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
          : "bg-amber-50 text-amber-900 ring-amber-200",
      )}
    >
      <summary className="cursor-pointer px-3 py-1.5">{summary}</summary>
      <ul className="space-y-0.5 px-3 pb-2 text-xs">
        {gate.checks.map((c) => (
          <li key={c.name}>
            {c.passed ? "✓" : "✗"} {c.name}: {c.detail}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One line of a run's transcript. Tool calls and results are folded until asked for. */
export const RunEvent = memo(function RunEvent({ event }: { event: RunEventRow }) {
  const d = (event.data ?? {}) as D;
  switch (event.kind) {
    case "turn":
      return (
        <p className="pt-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
          Turn {s(d.turn)}
        </p>
      );
    case "text":
      return (
        <div className="markdown rounded-md bg-surface px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200">
          <Markdown text={s(d.text)} />
        </div>
      );
    case "thought":
      return <Folded summary="Thinking…" body={s(d.text)} />;
    case "tool_use":
      return <Folded summary={s(d.action) || s(d.name)} body={s(d.input)} />;
    case "tool_result":
      return (
        <Folded
          summary={d.isError ? "⚠ Tool error" : `↳ Result${d.truncated ? " (truncated)" : ""}`}
          body={s(d.content)}
          tone={d.isError ? "error" : undefined}
        />
      );
    case "todo_update":
      return (
        <ul className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-slate-200">
          {((d.todos as { content: string; status: string }[]) ?? []).map((t, i) => (
            <li key={i}>
              {t.status === "completed" ? "☑" : t.status === "in_progress" ? "◐" : "☐"} {t.content}
            </li>
          ))}
        </ul>
      );
    case "prompt":
      return <Folded summary="Prompt the agent received" body={s(d.text)} />;
    case "init":
      return (
        <p className="text-xs text-slate-500">
          Agent session {s(d.sessionId).slice(0, 8)} started ({s(d.model)})
        </p>
      );
    case "status":
      return (
        <p className={cn("text-xs", d.error ? "text-red-600" : "text-slate-500")}>
          ● {RUN_STATUS_LABEL[s(d.status)] ?? s(d.status)}
          {d.note ? ` · ${s(d.note)}` : ""}
          {d.resumedSession ? " · continuing the agent's session" : ""}
          {d.error ? ` · ${s(d.error)}` : ""}
        </p>
      );
    case "approval_request":
      return (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Approval requested: <strong>{s(d.toolName)}</strong>{" "}
          {d.description ? `— ${s(d.description)}` : ""}
        </p>
      );
    case "approval_answer":
      return (
        <p className="text-xs text-slate-500">
          {d.behavior === "allow" ? "✓ Allowed" : "✕ Denied"} by {s(d.by)}
          {d.message ? `: ${s(d.message)}` : ""}
        </p>
      );
    case "decision_answered":
      return (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Decision “{s(d.title)}”: <strong>{s(d.label)}</strong> by {s(d.by)} after{" "}
          {Math.round(Number(d.waitedMs ?? 0) / 1000)} s{d.comment ? ` — ${s(d.comment)}` : ""}
        </p>
      );
    case "feedback":
      return d.message ? (
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-indigo-200">
          {s(d.author)}: {s(d.message)}
        </p>
      ) : (
        <p className="text-xs text-indigo-500">
          Feedback {FEEDBACK_LABEL[s(d.status)]?.toLowerCase() ?? s(d.status)}
          {d.error ? `: ${s(d.error)}` : ""}
        </p>
      );
    case "result":
      // The agent's result ends one of its turns, not necessarily the run (it may wait on a person
      // next): told in plain words and in a quiet tone; only an error is red.
      return (
        <p
          className={cn(
            "rounded-md px-3 py-2 text-sm ring-1",
            d.isError
              ? "bg-red-50 text-red-800 ring-red-200"
              : "bg-slate-50 text-slate-700 ring-slate-200",
          )}
        >
          {d.isError ? resultProblem(s(d.subtype)) : "The agent ended its turn"} ·{" "}
          {plural(Number(d.numTurns ?? 0), "turn")} · ${Number(d.costUsd ?? 0).toFixed(4)}
          {d.text && !(d.isError && s(d.subtype) === "error_during_execution")
            ? ` — ${s(d.text).slice(0, 300)}`
            : ""}
        </p>
      );
    case "gate":
      return <GateLine gate={d as unknown as GateResult} />;
    case "agent_info":
      return (
        <p className="text-xs text-slate-500">
          Agent {s(d.version) || "(version not given)"}
          {d.credentials === "none"
            ? " · no login or API key found"
            : d.credentials
              ? ` · credentials: ${s(d.credentials)}`
              : ""}
        </p>
      );
    case "approval_withdrawn":
      return <p className="text-xs text-slate-500">Approval request withdrawn: {s(d.reason)}</p>;
    case "error":
      return (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-red-200">
          {s(d.message)}
        </p>
      );
    case "log":
      return (
        <pre
          className={cn(
            "whitespace-pre-wrap break-all font-mono text-xs",
            d.stream === "stderr" ? "text-red-600" : "text-slate-500",
          )}
        >
          {s(d.line)}
        </pre>
      );
    default:
      return null; // a kind this page does not know yet: nothing, rather than an internal name
  }
});

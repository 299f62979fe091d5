"use client";
import { isActiveRun } from "@/lib/domain/run-status";
import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { LocalNumber } from "@/components/ui/local-number";
import type { RunSummary } from "@/lib/schemas/run";
import { plural } from "@/lib/utils/format";
import { ReviewBar } from "@/components/review/review-bar";
import { RunChanges } from "./run-changes";
import { formatDuration, RUN_STATUS_LABEL, RUN_STATUS_TONE, workerLabel } from "./run-labels";

type Props = {
  run: RunSummary;
  epic: { number: number; title: string };
  projectSlug: string;
  files: { path: string; status: string }[];
  /** Live state and the run's controls, at the end of the title row. */
  actions?: ReactNode;
};

export function RunHeader({ run, epic, projectSlug, files, actions }: Props) {
  const active = isActiveRun(run.status);
  // The clock starts in the browser: a time read on the server would differ from the one read
  // while hydrating (React error #418), so a live run's elapsed time shows once mounted.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  const started = run.startedAt ? Date.parse(run.startedAt) : null;
  const end = run.endedAt ? Date.parse(run.endedAt) : now;
  const elapsed = started && end !== null ? end - started : null;
  const pct = Math.min(100, Math.round((run.turns / Math.max(1, run.maxTurns)) * 100));
  return (
    <div className="space-y-3 border-b border-slate-200 bg-surface px-5 py-4">
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={`/projects/${projectSlug}/board?epic=${run.epicId}`}
          className="text-sm text-slate-500 hover:text-slate-900"
        >
          #{epic.number} {epic.title}
        </Link>
        <span className="text-slate-300">/</span>
        <h1 className="text-base font-semibold">{run.phase} run</h1>
        <Badge tone={RUN_STATUS_TONE[run.status]} className="run-status">
          {RUN_STATUS_LABEL[run.status] ?? run.status}
        </Badge>
        <Badge
          tone={run.runner === "demo" || run.agent === "demo-acp" ? "amber" : "indigo"}
          title={
            run.runner === "demo" || run.agent === "demo-acp"
              ? "Simulated by the bundled demo agent: no real coding agent works on this run"
              : undefined
          }
        >
          {workerLabel(run)}
        </Badge>
        <Badge>{run.workflow}</Badge>
        {run.parentRunId && (
          <Link
            href={`/runs/${run.parentRunId}`}
            className="text-xs text-indigo-600 hover:underline"
          >
            follow-up of an earlier run
          </Link>
        )}
        {run.trialId && (
          <Link href={`/trials/${run.trialId}`} className="text-xs text-indigo-600 hover:underline">
            one of several agents tried · compare
          </Link>
        )}
        {actions}
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-slate-600">
        <div className="flex min-w-56 items-center gap-2">
          <div
            className="h-2 w-40 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={run.maxTurns}
            aria-valuenow={run.turns}
            aria-label="Turns"
          >
            <div
              className="h-full rounded-full bg-sky-500 transition-[width]"
              style={{ width: `${pct}%` }}
            />
          </div>
          <span data-testid="run-turns" className="tabular-nums">
            Turn {run.turns}/{run.maxTurns}
          </span>
        </div>
        <span title="Elapsed">{elapsed === null ? "…" : formatDuration(elapsed)} elapsed</span>
        {active && run.costUsd === 0 ? (
          <span className="text-slate-500">
            cost and tokens are reported when the agent finishes
          </span>
        ) : (
          <>
            <span title="Cost">${run.costUsd.toFixed(4)}</span>
            <span title="Tokens in / out">
              <LocalNumber value={run.inputTokens} /> in · <LocalNumber value={run.outputTokens} />{" "}
              out
            </span>
          </>
        )}
        {run.branch ? (
          <span className="font-mono text-xs">⎇ {run.branch}</span>
        ) : (
          run.startedAt &&
          run.runner !== "automagik" && (
            <span
              className="text-xs"
              title="Set the project's repository to a git repository on this server for a branch per epic"
            >
              scratch folder (no git repository: no branch to review)
            </span>
          )
        )}
      </div>
      {active && run.currentAction && (
        <p className="text-sm text-sky-700" data-testid="run-action">
          {run.currentAction}
        </p>
      )}
      {run.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {run.error}
        </p>
      )}
      {files.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">
            {plural(files.length, "file")} changed on the branch
          </summary>
          <ul className="mt-1 font-mono text-xs text-slate-600">
            {files.map((f) => (
              <li key={f.path}>
                <span className="inline-block w-6 text-slate-500">{f.status}</span>
                {f.path}
              </li>
            ))}
          </ul>
        </details>
      )}
      <RunChanges runId={run.id} epicId={run.epicId} active={active} />
      <ReviewBar epicId={run.epicId} live={active} />
    </div>
  );
}

"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import {
  formatDuration,
  RUN_STATUS_LABEL,
  RUN_STATUS_TONE,
  workerLabel,
} from "@/components/runs/run-labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalNumber } from "@/components/ui/local-number";
import { chooseTrialRunAction } from "@/lib/actions/trials";
import { isActiveRun } from "@/lib/domain/run-status";
import { queryKeys } from "@/lib/queries/keys";
import { useTrial } from "@/lib/queries/trials";
import type { TrialTry, TrialView } from "@/lib/schemas/trial";

/** One figure per row, one try per column: what a manager compares before choosing. */
const ROWS: { label: string; cell: (t: TrialTry) => ReactNode }[] = [
  {
    label: "Status",
    cell: (t) => (
      <Badge tone={RUN_STATUS_TONE[t.status]}>{RUN_STATUS_LABEL[t.status] ?? t.status}</Badge>
    ),
  },
  {
    label: "Gate",
    cell: (t) =>
      t.gate ? (
        <span className={t.gate.passed ? "text-emerald-700" : "text-red-700"}>
          {t.gate.passed ? "✓ passed" : "✗ not passed"} ({t.gate.met}/{t.gate.of})
        </span>
      ) : (
        "—"
      ),
  },
  { label: "Turns", cell: (t) => `${t.turns}/${t.maxTurns}` },
  {
    label: "Time",
    cell: (t) => (t.durationSec === null ? "—" : formatDuration(t.durationSec * 1000)),
  },
  { label: "Cost", cell: (t) => `$${t.costUsd.toFixed(4)}` },
  {
    label: "Tokens in / out",
    cell: (t) => (
      <>
        <LocalNumber value={t.inputTokens} /> / <LocalNumber value={t.outputTokens} />
      </>
    ),
  },
  {
    label: "Files changed",
    cell: (t) => (t.changes ? String(t.changes.files) : "— (no git repository)"),
  },
  {
    label: "Lines",
    cell: (t) =>
      t.changes ? (
        <>
          <span className="text-emerald-700">+{t.changes.added}</span>{" "}
          <span className="text-red-700">−{t.changes.removed}</span>
        </>
      ) : (
        "—"
      ),
  },
  {
    label: "Branch",
    cell: (t) => <span className="break-all font-mono text-xs">{t.branch ?? "—"}</span>,
  },
  {
    label: "Result",
    cell: (t) => (
      <span className="line-clamp-4 text-xs text-slate-600">
        {t.error ?? t.resultSummary ?? "—"}
      </span>
    ),
  },
];

export function TrialCompare({ initial, canChoose }: { initial: TrialView; canChoose: boolean }) {
  const { data: trial } = useTrial(initial);
  const queryClient = useQueryClient();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const running = trial.tries.some((t) => isActiveRun(t.status as never));
  const decided = trial.chosenRunId !== null;
  const choose = async (runId: string) => {
    setBusy(runId);
    const r = await chooseTrialRunAction({ trialId: trial.id, runId });
    setBusy(null);
    if (!r.ok) return void toast.error(r.message);
    toast.success(
      r.data.movedTo ? `Continued: the card moved to ${r.data.movedTo}` : "Continued with this one",
    );
    await queryClient.invalidateQueries({ queryKey: queryKeys.trial(trial.id) });
    router.refresh();
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="trial-state" aria-live="polite">
        {decided
          ? `Decided by ${trial.chosenBy}: the epic went on with ${workerLabel(
              trial.tries.find((t) => t.chosen) ?? trial.tries[0],
            )}; the other tries are archived (their branches kept).`
          : running
            ? "The tries are running. Compare them when they end."
            : "Every try has ended: continue with the one you prefer. Its branch, session and todos become the epic's."}
      </p>
      <div className="overflow-x-auto rounded-lg bg-surface ring-1 ring-slate-200">
        <table className="w-full text-sm" data-testid="trial-table">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="w-36 px-3 py-2 font-medium text-slate-500">
                <span className="sr-only">Figure</span>
              </th>
              {trial.tries.map((t) => (
                <th
                  key={t.runId}
                  scope="col"
                  className="px-3 py-2 font-semibold"
                  data-testid="trial-try"
                  data-agent={t.agent ?? t.runner}
                >
                  <Link href={`/runs/${t.runId}`} className="hover:underline">
                    {workerLabel(t)}
                  </Link>
                  {t.chosen && (
                    <Badge tone="green" className="ml-2">
                      chosen
                    </Badge>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-500">
                  {row.label}
                </th>
                {trial.tries.map((t) => (
                  <td key={t.runId} className="px-3 py-2 tabular-nums" data-row={row.label}>
                    {row.cell(t)}
                  </td>
                ))}
              </tr>
            ))}
            {canChoose && !decided && (
              <tr>
                <td />
                {trial.tries.map((t) => (
                  <td key={t.runId} className="px-3 py-3">
                    <Button
                      size="sm"
                      disabled={running || busy !== null}
                      onClick={() => choose(t.runId)}
                      aria-label={`Continue with ${workerLabel(t)}`}
                    >
                      {busy === t.runId ? "Continuing…" : "Continue with this one"}
                    </Button>
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

"use client";
import { isActiveRun } from "@/lib/domain/run-status";
import Link from "next/link";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { removeWorktreeAction } from "@/lib/actions/remove-worktree";
import { RUN_STATUS_LABEL, RUN_STATUS_TONE, workerLabel } from "@/components/runs/run-labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { EpicDetail } from "@/lib/schemas/epic-detail";
import { useState } from "react";
import { DiffDetails } from "@/components/runs/run-changes";
import { MergePanel } from "@/components/review/merge-panel";
import { ReviewBar } from "@/components/review/review-bar";
import { PullRequestPanel } from "@/components/review/pull-request-panel";
import { TryAgentsDialog } from "@/components/trials/try-agents-dialog";
import { StartWithPatterns } from "./start-with-patterns";
import { LocalTime } from "@/components/ui/local-time";

/** The epic's runs, newest first, and the button that starts its current phase. */
type Props = {
  epic: EpicDetail;
  onStart?: (patternIds?: string[]) => Promise<void> | void;
  canRemoveWorktree: boolean;
  onChanged: () => void;
};

export function RunList({ epic, onStart, canRemoveWorktree, onChanged }: Props) {
  const [picking, setPicking] = useState(false);
  const [trying, setTrying] = useState(false);
  const busy = epic.runs.some((r) => isActiveRun(r.status));
  // Runs come newest first: the latest trial is the one a person compares next.
  const latestTrial = epic.runs.find((r) => r.trialId);
  const [removing, setRemoving] = useState(false);
  const removeWorktree = async () => {
    const r = await removeWorktreeAction({ id: epic.id });
    if (!r.ok) return toast.error(r.message);
    toast.success("Worktree removed; the branch stays");
    onChanged();
  };
  return (
    <section aria-labelledby="runs-heading">
      <div className="mb-2 flex items-center justify-between">
        <h3
          id="runs-heading"
          className="text-xs font-semibold uppercase tracking-wide text-slate-500"
        >
          Runs
        </h3>
        {onStart && !busy && epic.phase !== "DONE" && (
          <div className="flex flex-wrap justify-end gap-2">
            <Button size="sm" variant="secondary" onClick={() => setTrying(true)}>
              Try with several agents…
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setPicking(true)}>
              Start with patterns…
            </Button>
            <Button size="sm" onClick={() => onStart()}>
              ▶ Start {epic.phase}
            </Button>
            <StartWithPatterns
              phase={epic.phase}
              open={picking}
              onOpenChange={setPicking}
              onStart={async (ids) => void (await onStart(ids))}
            />
            <TryAgentsDialog
              epicId={epic.id}
              phase={epic.phase}
              open={trying}
              onOpenChange={setTrying}
            />
          </div>
        )}
      </div>
      {epic.branch && (
        <div className="mb-2 space-y-2">
          <p className="flex items-center gap-3 font-mono text-xs text-slate-500">
            ⎇ {epic.branch}
            {canRemoveWorktree && epic.worktreePath && !busy && (
              <button
                type="button"
                onClick={() => setRemoving(true)}
                className="font-sans text-xs text-red-600 hover:underline"
              >
                Remove worktree
              </button>
            )}
          </p>
          {epic.worktreePath && (
            <>
              <DiffDetails
                url={`/api/v1/epics/${encodeURIComponent(epic.id)}/diff?format=diff`}
                title="The branch's changes against the default branch"
                active={busy}
                review={{ epicId: epic.id, runId: null }}
              />
              <ReviewBar epicId={epic.id} live={busy} />
              <MergePanel epicId={epic.id} busy={busy} />
              <PullRequestPanel epicId={epic.id} busy={busy} />
            </>
          )}
        </div>
      )}
      {epic.lastGate && (
        <div
          className="mb-2 rounded-md bg-slate-50 p-2 text-xs ring-1 ring-slate-200"
          data-testid="gate-checks"
        >
          <p className="mb-1 font-semibold text-slate-600">
            Gate of {epic.lastGate.phase}:{" "}
            {epic.lastGate.passed
              ? "passed"
              : epic.lastGate.pending
                ? epic.lastGate.checks.some(
                    (c) => c.name === "Review approved" && !c.passed && /^Waiting/.test(c.detail),
                  )
                  ? "waiting for an approving review"
                  : "waiting for approval"
                : "not passed"}
          </p>
          <ul className="space-y-0.5">
            {epic.lastGate.checks.map((c) => (
              <li key={c.name} className={c.passed ? "text-emerald-700" : "text-red-700"}>
                {c.passed ? "✓" : "✗"} {c.name}: {c.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
      {latestTrial && (
        <Link
          href={`/trials/${latestTrial.trialId}`}
          className="mb-2 block rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-800 ring-1 ring-indigo-200 hover:bg-indigo-100"
        >
          Compare the agents that tried {latestTrial.phase} →
        </Link>
      )}
      {epic.runs.length === 0 ? (
        <p className="text-sm text-slate-500">No runs yet.</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200"
          data-testid="run-list"
        >
          {epic.runs.map((r) => (
            <li key={r.id}>
              <Link
                href={`/runs/${r.id}`}
                className="flex items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50"
              >
                <span className="w-24 font-medium">{r.phase}</span>
                <Badge tone={RUN_STATUS_TONE[r.status]}>{RUN_STATUS_LABEL[r.status]}</Badge>
                <span className="text-xs text-slate-500">{workerLabel(r)}</span>
                {r.trialId && (
                  <Badge tone="indigo" title="One of several agents tried on this phase at once">
                    try
                  </Badge>
                )}
                <span className="ml-auto text-xs tabular-nums text-slate-500">
                  {r.turns}/{r.maxTurns} turns · <LocalTime iso={r.createdAt} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title="Remove the worktree?"
        confirmLabel="Remove worktree"
        danger
        onConfirm={() => void removeWorktree()}
      >
        <p>
          The folder {epic.worktreePath} is deleted; the branch {epic.branch} stays, and the next
          run makes a new worktree of it.
        </p>
      </ConfirmDialog>
    </section>
  );
}

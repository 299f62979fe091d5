"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useCan } from "@/components/layout/permissions";
import { Button } from "@/components/ui/button";
import { MERGE_STRATEGIES, type MergeStrategy } from "@/lib/domain/review";
import { mergeEpicAction, resolveConflictsAction } from "@/lib/actions/review";
import { queryKeys } from "@/lib/queries/keys";
import { useMergeCheck } from "@/lib/queries/review";
import { plural } from "@/lib/utils/format";

const STRATEGY_LABEL: Record<MergeStrategy, string> = {
  merge: "Merge commit",
  squash: "Squash into one commit",
  rebase: "Rebase and fast-forward",
};

/** Merging the epic's branch into the default branch: checked first, conflicts listed and resolvable by a run. */
export function MergePanel({ epicId, busy }: { epicId: string; busy: boolean }) {
  const client = useQueryClient();
  const canMerge = useCan("code:merge");
  const [open, setOpen] = useState(false);
  const [strategy, setStrategy] = useState<MergeStrategy>("merge");
  const [working, setWorking] = useState(false);
  const check = useMergeCheck(epicId, open && !busy);
  const again = () => client.invalidateQueries({ queryKey: queryKeys.merge(epicId) });

  const merge = async () => {
    setWorking(true);
    const r = await mergeEpicAction({ epicId, strategy });
    setWorking(false);
    if (!r.ok) {
      toast.error(r.message);
      return void again();
    }
    toast.success(`Merged into ${r.data.base} (${r.data.commit?.slice(0, 8)})`);
    await again();
    await client.invalidateQueries({ queryKey: queryKeys.epic(epicId) });
  };
  const resolve = async () => {
    setWorking(true);
    const r = await resolveConflictsAction({ id: epicId });
    setWorking(false);
    if (!r.ok) return void toast.error(r.message);
    toast.success("A run is resolving the conflicts", {
      action: { label: "Watch it", onClick: () => location.assign(`/runs/${r.data.runId}`) },
    });
    await client.invalidateQueries({ queryKey: queryKeys.epic(epicId) });
  };

  const c = check.data;
  return (
    <details
      className="text-sm"
      data-testid="merge-panel"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer text-slate-600">Merge into the default branch</summary>
      <div className="mt-2 space-y-2 text-xs">
        {busy && (
          <p className="text-slate-600">A run is working on the branch: merge when it has ended.</p>
        )}
        {!busy && check.isPending && open && <p className="text-slate-500">Checking the branch…</p>}
        {check.isError && (
          <p role="alert" className="text-slate-600">
            {check.error.message}
          </p>
        )}
        {c && !busy && (
          <>
            <p className="text-slate-600" data-testid="merge-summary">
              <span className="font-mono">{c.branch}</span> is {plural(c.ahead, "commit")} ahead of{" "}
              <span className="font-mono">{c.base}</span> and {c.behind} behind.{" "}
              {c.ahead === 0
                ? "Nothing to merge."
                : c.conflicts.length
                  ? `${plural(c.conflicts.length, "file")} conflict:`
                  : "It merges cleanly."}
            </p>
            {c.conflicts.length > 0 && (
              <>
                <ul className="font-mono text-red-700" aria-label="Conflicting files">
                  {c.conflicts.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
                {canMerge && (
                  <Button size="sm" disabled={working} onClick={() => void resolve()}>
                    Resolve conflicts
                  </Button>
                )}
              </>
            )}
            {canMerge && c.ahead > 0 && c.conflicts.length === 0 && (
              <div className="flex flex-wrap items-center gap-2">
                <label className="flex items-center gap-1">
                  How
                  <select
                    value={strategy}
                    onChange={(e) => setStrategy(e.target.value as MergeStrategy)}
                    className="rounded border border-slate-300 px-1 py-0.5"
                  >
                    {MERGE_STRATEGIES.map((s) => (
                      <option key={s} value={s}>
                        {STRATEGY_LABEL[s]}
                      </option>
                    ))}
                  </select>
                </label>
                <Button size="sm" disabled={working} onClick={() => void merge()}>
                  Merge into {c.base}
                </Button>
              </div>
            )}
          </>
        )}
      </div>
    </details>
  );
}

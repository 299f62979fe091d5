"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import "react-diff-view/style/index.css";
import { CommentableDiff, type ReviewTarget } from "@/components/review/commentable-diff";
import { diffFiles, pathOf } from "@/lib/domain/diff";
import { cn } from "@/lib/utils/cn";

async function fetchDiff(url: string): Promise<string> {
  const res = await fetch(url, { cache: "no-store" });
  if (res.ok) return res.text();
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(body?.error?.message ?? `Could not load the diff (${res.status})`);
}

/**
 * A diff loaded when opened (a run's change, an epic's branch): a file list with +/− counts and
 * each file's hunks, unified or split.
 */
export function DiffDetails({
  url,
  title,
  active,
  review,
}: {
  /** Answers the unified diff (text/x-diff). */
  url: string;
  title: string;
  /** Still changing: loaded afresh each time it is opened. */
  active: boolean;
  /** Lines take comments for the agent (people who may review). */
  review?: ReviewTarget;
}) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<"unified" | "split">("unified");
  const diff = useQuery({
    queryKey: ["diff", url, active],
    queryFn: () => fetchDiff(url),
    enabled: open,
    staleTime: active ? 0 : Infinity,
  });
  const files = useMemo(() => (diff.data === undefined ? [] : diffFiles(diff.data)), [diff.data]);
  return (
    <details
      className="text-sm"
      data-testid="diff-details"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer text-slate-600">{title}</summary>
      <div className="mt-2 space-y-3">
        {diff.isPending && open && <p className="text-xs text-slate-500">Loading the diff…</p>}
        {diff.isError && (
          <p role="alert" className="text-xs text-slate-600">
            {diff.error.message}
          </p>
        )}
        {diff.isSuccess && files.length === 0 && (
          <p className="text-xs text-slate-500">No file changed.</p>
        )}
        {files.length > 0 && (
          <>
            <div className="flex items-center gap-3">
              <ul className="flex-1 font-mono text-xs" aria-label="Files changed">
                {files.map((f) => (
                  <li key={pathOf(f)} data-testid="diff-file-row">
                    <a href={`#diff-${pathOf(f)}`} className="hover:underline">
                      {f.type === "rename" ? `${f.oldPath} → ${f.newPath}` : pathOf(f)}
                    </a>{" "}
                    <span className="text-emerald-700">+{f.added}</span>{" "}
                    <span className="text-red-700">−{f.removed}</span>
                    {f.binary && <span className="text-slate-500"> (binary)</span>}
                  </li>
                ))}
              </ul>
              <div role="group" aria-label="Diff view" className="flex gap-1 self-start">
                {(["unified", "split"] as const).map((v) => (
                  <button
                    key={v}
                    type="button"
                    aria-pressed={view === v}
                    onClick={() => setView(v)}
                    className={cn(
                      "rounded px-2 py-0.5 text-xs ring-1 ring-slate-300",
                      view === v ? "bg-slate-800 text-white" : "text-slate-700",
                    )}
                  >
                    {v === "unified" ? "Unified" : "Split"}
                  </button>
                ))}
              </div>
            </div>
            {files.map((f) => (
              <section
                key={pathOf(f)}
                id={`diff-${pathOf(f)}`}
                className="overflow-x-auto rounded-md ring-1 ring-slate-200"
                aria-label={`Changes in ${pathOf(f)}`}
              >
                <h3 className="bg-slate-50 px-3 py-1 font-mono text-xs text-slate-700">
                  {pathOf(f)}
                </h3>
                {f.binary ? (
                  <p className="px-3 py-2 text-xs text-slate-500">Binary file changed.</p>
                ) : (
                  <CommentableDiff file={f} view={view} review={review} />
                )}
              </section>
            ))}
          </>
        )}
      </div>
    </details>
  );
}

/** What this run changed, from the commit it started at to its end (its checkpoint). */
export function RunChanges({
  runId,
  epicId,
  active,
}: {
  runId: string;
  epicId: string;
  active: boolean;
}) {
  return (
    <DiffDetails
      url={`/api/v1/runs/${encodeURIComponent(runId)}/diff?format=diff`}
      title={`What this run changed${active ? " so far" : ""}`}
      active={active}
      // While it runs, its diff is against the worktree: comments go on the branch as it is.
      review={{ epicId, runId: active ? null : runId }}
    />
  );
}

"use client";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import "highlight.js/styles/github.css";
import { Diff, Hunk, getChangeKey, type ChangeData } from "react-diff-view";
import { useCan } from "@/components/layout/permissions";
import { pathOf, type DiffFile } from "@/lib/domain/diff";
import { useEpicReview } from "@/lib/queries/review";
import { CommentForm, CommentThread } from "./comment-thread";
import { chunkHunks, CHUNK, LazyChunk } from "./diff-chunks";

/** Where comments written on this diff belong: the epic, and the run whose diff it is (null: the branch). */
export type ReviewTarget = { epicId: string; runId: string | null };

const newLineOf = (c: ChangeData) =>
  c.type === "normal" ? c.newLineNumber : c.type === "insert" ? c.lineNumber : null;

/** One file's hunks; with a review target, each line of the new side takes comments. */
export function CommentableDiff({
  file,
  view,
  review,
}: {
  file: DiffFile;
  view: "unified" | "split";
  review?: ReviewTarget;
}) {
  const path = pathOf(file);
  const canReview = useCan("review:write");
  const data = useEpicReview(review?.epicId ?? "", false, Boolean(review));
  const [composing, setComposing] = useState<number | null>(null);
  // A large file is drawn a window at a time: its hunks cut into chunks once.
  const groups = useMemo(() => {
    const size = file.hunks.reduce((n, h) => n + h.changes.length, 0);
    return size > 2 * CHUNK ? chunkHunks(file.hunks) : null;
  }, [file]);
  const keyOfLine = new Map<number, string>();
  for (const h of file.hunks)
    for (const c of h.changes) {
      const n = newLineOf(c);
      if (n !== null) keyOfLine.set(n, getChangeKey(c));
    }
  const widgets: Record<string, ReactNode> = {};
  if (review) {
    const mine = (data.data?.comments ?? []).filter(
      (c) => c.path === path && c.runId === review.runId,
    );
    for (const line of new Set([...mine.map((c) => c.line), ...(composing ? [composing] : [])])) {
      const key = keyOfLine.get(line);
      if (!key) continue;
      const here = mine.filter((c) => c.line === line);
      widgets[key] = (
        <>
          {here.length > 0 && <CommentThread epicId={review.epicId} comments={here} />}
          {composing === line && (
            <CommentForm
              epicId={review.epicId}
              runId={review.runId}
              path={path}
              line={line}
              onDone={() => setComposing(null)}
            />
          )}
        </>
      );
    }
  }
  // The highlighter loads with the first diff drawn, not with the page.
  const [syntax, setSyntax] = useState<typeof import("./syntax") | null>(null);
  useEffect(() => {
    void import("./syntax").then(setSyntax);
  }, []);
  const draw = (hunks: typeof file.hunks) => (
    <Diff
      tokens={syntax?.highlightHunks(hunks, path) ?? null}
      viewType={view}
      diffType={file.type}
      hunks={hunks}
      widgets={widgets}
      className="text-xs"
      renderGutter={({ change, side, renderDefault }) => {
        const line = newLineOf(change);
        if (!review || !canReview || side !== "new" || line === null) return renderDefault();
        return (
          <span className="group inline-flex items-center gap-1">
            <button
              type="button"
              aria-label={`Comment on ${path} line ${line}`}
              onClick={() => setComposing(line)}
              className="rounded px-0.5 text-indigo-700 opacity-0 group-hover:opacity-100 focus:opacity-100"
            >
              +
            </button>
            {renderDefault()}
          </span>
        );
      }}
    >
      {(hs) => hs.map((h) => <Hunk key={h.content} hunk={h} />)}
    </Diff>
  );
  if (!groups) return draw(file.hunks);
  // A large file: drawn a window at a time.
  return (
    <>
      {groups.map((group) => (
        <LazyChunk key={group[0].content} rows={group.reduce((n, h) => n + h.changes.length, 0)}>
          {() => draw(group)}
        </LazyChunk>
      ))}
    </>
  );
}

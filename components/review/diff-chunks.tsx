"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { HunkData } from "react-diff-view";

// Large diffs drawn in windows: a file's changes are cut into chunks of CHUNK lines, and only the
// chunks near the viewport are in the DOM (the rest keep their height as empty space), so a
// 10,000-line diff scrolls as lightly as a short one.

export const CHUNK = 400;

/** The hunks cut so that no group holds more than CHUNK changes (a long hunk becomes several). */
export function chunkHunks(hunks: HunkData[]): HunkData[][] {
  const groups: HunkData[][] = [];
  let group: HunkData[] = [];
  let size = 0;
  const flush = () => {
    if (group.length) groups.push(group);
    group = [];
    size = 0;
  };
  for (const h of hunks) {
    for (let i = 0; i < h.changes.length; i += CHUNK) {
      const changes = h.changes.slice(i, i + CHUNK);
      if (size + changes.length > CHUNK) flush();
      const first = changes[0];
      const oldStart =
        first.type === "normal"
          ? first.oldLineNumber
          : first.type === "delete"
            ? first.lineNumber
            : h.oldStart;
      const newStart =
        first.type === "normal"
          ? first.newLineNumber
          : first.type === "insert"
            ? first.lineNumber
            : h.newStart;
      group.push({
        ...h,
        content: i === 0 ? h.content : `${h.content} (from line ${newStart})`,
        oldStart,
        newStart,
        changes,
      });
      size += changes.length;
    }
  }
  flush();
  return groups;
}

const ROW_PX = 20;

/** One chunk: drawn while within a screen or two of the viewport, an empty block of its height otherwise. */
export function LazyChunk({ rows, children }: { rows: number; children: () => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [height, setHeight] = useState(rows * ROW_PX);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver(
      ([entry]) => {
        if (!entry.isIntersecting && el.offsetHeight) setHeight(el.offsetHeight);
        setNear(entry.isIntersecting);
      },
      { rootMargin: "1200px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return (
    <div ref={ref} data-testid="diff-chunk" data-drawn={near} style={near ? undefined : { height }}>
      {near && children()}
    </div>
  );
}

"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef } from "react";
import { toast } from "sonner";
import type { useRunLive } from "@/lib/realtime/use-run-live";
import { plural } from "@/lib/utils/format";
import { RunEvent } from "./run-event";

// Noise that would drown the transcript: shown in the header or the composer instead.
const HIDDEN = new Set(["feedback_delivered"]);
const ROW = 44;

type Props = {
  /** The window of the run's events the page holds, and its paging (see useRunLive). */
  live: Pick<
    ReturnType<typeof useRunLive>,
    "events" | "hasOlder" | "loadingOlder" | "loadOlder" | "waiting" | "setFollowing" | "showLatest"
  >;
};

/**
 * The run's events, virtualized: a 10,000-event run keeps a few dozen rows in the DOM, and the
 * page a window of the events themselves — scrolling to the top fetches the page above it.
 */
export function RunTranscript({ live }: Props) {
  const { events, hasOlder, loadingOlder, waiting } = live;
  const visible = events.filter((e) => !HIDDEN.has(e.kind));
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  const firstSeq = useRef(0);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
    getItemKey: (i) => visible[i].seq,
  });

  const follow = (on: boolean) => {
    if (atBottom.current !== on) live.setFollowing(on);
    atBottom.current = on;
  };
  const older = () => {
    if (!hasOlder || loadingOlder) return;
    live
      .loadOlder()
      .catch((e: Error) => toast.error(`Could not load earlier events: ${e.message}`));
  };

  // Follow the run while the reader is at the bottom; leave them be when they scrolled up.
  const tail = visible.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (atBottom.current && visible.length)
      virtualizer.scrollToIndex(visible.length - 1, { align: "end" });
  }, [tail, visible.length, virtualizer]);

  // Older events put above: keep the rows the reader was looking at where they were.
  const head = visible[0]?.seq ?? 0;
  useLayoutEffect(() => {
    const before = firstSeq.current;
    firstSeq.current = head;
    // Rows trimmed off the top: forget their measured heights too (one entry per event otherwise).
    if (head > before)
      for (const key of virtualizer.itemSizeCache.keys())
        if (Number(key) < head) virtualizer.itemSizeCache.delete(key);
    const el = scrollRef.current;
    if (!el || atBottom.current || !before || head >= before) return;
    const k = visible.findIndex((e) => e.seq >= before);
    if (k > 0)
      el.scrollTop = lastTop.current + (virtualizer.measurementsCache[k]?.start ?? k * ROW);
  }, [head, visible, virtualizer]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {hasOlder && (
        <div className="flex items-center justify-center gap-2 border-b border-slate-200 bg-slate-100 px-5 py-1 text-xs text-slate-600">
          <span>Showing the newest events; earlier ones load as you scroll up.</span>
          <button
            type="button"
            className="font-medium text-accent underline-offset-2 hover:underline disabled:opacity-60"
            onClick={older}
            disabled={loadingOlder}
          >
            {loadingOlder ? "Loading earlier events…" : "Load earlier events"}
          </button>
        </div>
      )}
      <div
        ref={scrollRef}
        onScroll={(e) => {
          // Only a move up leaves follow mode: rows measured taller than estimated, or a burst of
          // events, move the view down and must not stop it following the run.
          const el = e.currentTarget;
          const near = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          if (el.scrollTop < lastTop.current) follow(near);
          else if (near) follow(true);
          lastTop.current = el.scrollTop;
          if (el.scrollTop < 200 && el.scrollTop < el.scrollHeight - el.clientHeight) older();
        }}
        className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-5"
        data-testid="transcript"
        data-count={events.length}
        data-first-seq={events[0]?.seq ?? 0}
        data-last-seq={events.at(-1)?.seq ?? 0}
        aria-live="polite"
      >
        {visible.length === 0 ? (
          <p className="py-10 text-center text-sm text-slate-500">Waiting for the agent…</p>
        ) : (
          <div
            className="relative mx-auto w-full max-w-4xl"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => (
              <div
                key={item.key}
                data-index={item.index}
                data-seq={visible[item.index].seq}
                ref={virtualizer.measureElement}
                className="absolute left-0 top-0 w-full py-1"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <RunEvent event={visible[item.index]} />
              </div>
            ))}
          </div>
        )}
      </div>
      {waiting > 0 && (
        <button
          type="button"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-accent px-4 py-1.5 text-sm font-medium text-white shadow-md hover:bg-accent-hover"
          data-testid="show-latest"
          onClick={() => {
            atBottom.current = true;
            live.showLatest();
          }}
        >
          {plural(waiting, "newer event")} · Show latest
        </button>
      )}
    </div>
  );
}

"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { RunEventRow } from "@/lib/schemas/run";
import { RunEvent } from "./run-event";

// Noise that would drown the transcript: shown in the header or the composer instead.
const HIDDEN = new Set(["feedback_delivered"]);

/** The run's events, virtualized: a 10,000-event run keeps a few dozen rows in the DOM. */
export function RunTranscript({ events }: { events: RunEventRow[] }) {
  const visible = events.filter((e) => !HIDDEN.has(e.kind));
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 12,
    getItemKey: (i) => visible[i].seq,
  });

  // Follow the run while the reader is at the bottom; leave them be when they scrolled up.
  useEffect(() => {
    if (atBottom.current && visible.length)
      virtualizer.scrollToIndex(visible.length - 1, { align: "end" });
  }, [visible.length, virtualizer]);

  return (
    <div
      ref={scrollRef}
      onScroll={(e) => {
        // Only a move up leaves follow mode: rows measured taller than estimated, or a burst of
        // events, move the view down and must not stop it following the run.
        const el = e.currentTarget;
        const near = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        if (el.scrollTop < lastTop.current) atBottom.current = near;
        else if (near) atBottom.current = true;
        lastTop.current = el.scrollTop;
      }}
      className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-5"
      data-testid="transcript"
      data-count={events.length}
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
  );
}

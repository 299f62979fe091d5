"use client";
import { useDroppable } from "@dnd-kit/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { EpicCard as Card } from "@/lib/schemas/board";
import { cn } from "@/lib/utils/cn";
import { EpicCard } from "./epic-card";

type Props = {
  lane: string;
  title: string;
  cards: Card[];
  onOpen: (id: string) => void;
  onStart?: (card: Card) => void;
  draggable: boolean;
  dropHint: "allowed" | "refused" | null;
};

/** One lane; its cards are virtualized so a lane of hundreds keeps a few dozen nodes. */
export function BoardLane({ lane, title, cards, onOpen, onStart, draggable, dropHint }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: lane });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 104,
    overscan: 6,
    gap: 8,
    getItemKey: (i) => cards[i].id,
  });

  return (
    <section
      ref={setNodeRef}
      aria-label={`${title} lane, ${cards.length} epics`}
      data-testid="lane"
      data-lane={lane}
      className={cn(
        "flex h-full min-w-60 max-w-80 flex-1 shrink-0 flex-col rounded-lg bg-slate-100/80 ring-1 ring-inset ring-slate-200 transition-colors",
        isOver && dropHint === "allowed" && "bg-indigo-50 ring-2 ring-indigo-400",
        isOver && dropHint === "refused" && "bg-red-50 ring-2 ring-red-300",
      )}
    >
      <header className="flex items-center justify-between px-3 py-2.5">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
        <span className="lane-count rounded-full bg-surface px-2 py-0.5 text-xs font-medium tabular-nums text-slate-600 ring-1 ring-slate-200">
          {cards.length}
        </span>
      </header>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {cards.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-3 py-6 text-center text-xs text-slate-600">
            No epics here
          </p>
        ) : (
          <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute left-0 top-0 w-full"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <EpicCard
                  card={cards[item.index]}
                  onOpen={onOpen}
                  onStart={onStart}
                  draggable={draggable}
                />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

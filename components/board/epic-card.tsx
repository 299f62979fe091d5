"use client";
import { useDraggable } from "@dnd-kit/core";
import Link from "next/link";
import { memo, type KeyboardEventHandler, type PointerEventHandler, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { EPIC_STATUS_LABEL } from "@/lib/domain/epic";
import type { EpicCard as Card } from "@/lib/schemas/board";
import { cn } from "@/lib/utils/cn";
import { PRIORITY_TONE, STATUS_TONE } from "./status";

/** The phase's definition of done, as last checked: what is missing, first. */
function GateLine({ gate }: { gate: NonNullable<Card["gate"]> }) {
  const failed = gate.checks.filter((c) => !c.passed);
  const title = gate.checks.map((c) => `${c.passed ? "✓" : "✗"} ${c.name}: ${c.detail}`).join("\n");
  return (
    <p
      title={title}
      data-testid="card-gate"
      className={cn(
        "mt-2 truncate rounded px-2 py-1 text-xs",
        gate.passed
          ? "bg-emerald-50 text-emerald-800"
          : gate.pending
            ? "bg-amber-50 text-amber-800"
            : "bg-red-50 text-red-700",
      )}
    >
      {gate.pending
        ? "Gate: waiting for approval"
        : `Gate ${gate.passed ? "✓" : "✗"} ${gate.checks.length - failed.length}/${gate.checks.length}${failed[0] ? ` — ${failed[0].detail}` : ""}`}
    </p>
  );
}

function RunProgress({ run }: { run: NonNullable<Card["run"]> }) {
  const pct = Math.min(100, Math.round((run.turns / Math.max(1, run.maxTurns)) * 100));
  return (
    <div className="mt-2 space-y-1" data-testid="card-run">
      <div className="flex items-center gap-2">
        <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-sky-100">
          <div
            className="h-full rounded-full bg-sky-500 transition-[width]"
            style={{ width: `${pct}%` }}
          />
        </div>
        <span className="card-turns text-xs tabular-nums text-sky-700">
          Turn {run.turns}/{run.maxTurns}
        </span>
      </div>
      <div className="flex items-center justify-between gap-2 text-xs">
        <span className="truncate text-slate-600" title={run.currentAction ?? undefined}>
          {run.currentAction ?? "Starting…"}
        </span>
        <Link
          href={`/runs/${run.id}`}
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => e.stopPropagation()}
          className="shrink-0 text-indigo-600 hover:underline"
        >
          {run.runner === "demo" ? "Watch (demo)" : "Watch"}
        </Link>
      </div>
    </div>
  );
}

export function EpicCardBody({
  card,
  lifted,
  onStart,
  handle,
}: {
  card: Card;
  lifted?: boolean;
  onStart?: (card: Card) => void;
  /** The keyboard's way to move the card (for people who may move it). */
  handle?: ReactNode;
}) {
  const pct = card.todoTotal ? Math.round((card.todoDone / card.todoTotal) * 100) : 0;
  const canStart = onStart && !card.run && card.phase !== "DONE";
  return (
    <div
      className={cn(
        "rounded-md border border-slate-200 bg-surface p-3 shadow-xs",
        lifted && "rotate-1 shadow-lg ring-2 ring-indigo-500",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        {/* The card's one way in for the keyboard: Enter opens the epic (the click reaches the card). */}
        <button
          type="button"
          className="text-left text-sm font-medium leading-snug text-slate-900 outline-none focus-visible:underline"
          data-testid="card-title"
        >
          {card.title}
        </button>
        <span className="flex shrink-0 items-center gap-1 text-xs text-slate-500">
          #{card.number}
          {handle}
        </span>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-1">
        <Badge tone={STATUS_TONE[card.status]} className="epic-status">
          {EPIC_STATUS_LABEL[card.status]}
        </Badge>
        <Badge tone={PRIORITY_TONE[card.priority]}>{card.priority}</Badge>
        <Badge>{card.type}</Badge>
        {card.targetVersion && <Badge tone="indigo">v{card.targetVersion.replace(/^v/, "")}</Badge>}
      </div>
      {card.todoTotal > 0 && (
        <div
          className="mt-2 flex items-center gap-2"
          title={`${card.todoDone} of ${card.todoTotal} todos completed`}
        >
          <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100">
            <div className="h-full rounded-full bg-emerald-500" style={{ width: `${pct}%` }} />
          </div>
          <span className="todo-progress text-xs tabular-nums text-slate-500">
            {card.todoDone}/{card.todoTotal}
          </span>
        </div>
      )}
      {card.openDecisions > 0 && (
        <Link
          href={`/decisions?epic=${card.id}`}
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => e.stopPropagation()}
          data-testid="card-decisions"
          className="mt-2 flex items-center gap-1 rounded bg-amber-50 px-2 py-1 text-xs font-medium text-amber-800 ring-1 ring-amber-200 hover:bg-amber-100"
        >
          ⚑ {card.openDecisions} decision{card.openDecisions > 1 ? "s" : ""} needed
        </Link>
      )}
      {card.skippedPhase && !card.run && (
        <p
          data-testid="card-skipped"
          title="Moved forward by hand: this phase had no run that met its definition of done"
          className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800"
        >
          ⤼ {card.skippedPhase} skipped by hand
        </p>
      )}
      {card.gate && !card.run && <GateLine gate={card.gate} />}
      {card.run && <RunProgress run={card.run} />}
      {canStart && (
        <button
          type="button"
          onClick={(e) => {
            e.stopPropagation();
            onStart(card);
          }}
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          className="mt-2 w-full rounded border border-slate-200 py-1 text-xs font-medium text-slate-600 hover:border-indigo-300 hover:bg-indigo-50 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          ▶ Start {card.phase}
        </button>
      )}
    </div>
  );
}

/** A card that can be dragged to another lane, or picked up with Space and moved with ←/→. */
type CardProps = {
  card: Card;
  onOpen: (id: string) => void;
  onStart?: (card: Card) => void;
  draggable?: boolean;
};

export const EpicCard = memo(function EpicCard({
  card,
  onOpen,
  onStart,
  draggable = true,
}: CardProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !draggable,
  });
  const label = `#${card.number} ${card.title}`;
  return (
    // Not itself a control (so Start, Watch and the title are not nested in one): a click anywhere
    // opens the epic, a press drags it; the keyboard opens it with the title and moves it with ⠿.
    <div
      ref={setNodeRef}
      onPointerDown={
        draggable ? (listeners?.onPointerDown as PointerEventHandler | undefined) : undefined
      }
      onClick={() => onOpen(card.id)}
      data-testid="epic-card"
      data-epic-id={card.id}
      className={cn(
        "rounded-md",
        draggable && "cursor-grab active:cursor-grabbing",
        isDragging && "opacity-40",
      )}
    >
      <EpicCardBody
        card={card}
        onStart={onStart}
        handle={
          draggable && (
            <button
              type="button"
              {...attributes}
              onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
              onClick={(e) => e.stopPropagation()}
              aria-label={`Move ${label}, ${EPIC_STATUS_LABEL[card.status]}`}
              data-testid="card-move"
              className="rounded px-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span aria-hidden>⠿</span>
            </button>
          )
        }
      />
    </div>
  );
});

"use client";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { useCan } from "@/components/layout/permissions";
import { afterLoad } from "@/components/ui/after-load";
import { Button } from "@/components/ui/button";
import { startRunAction } from "@/lib/actions/start-run";
import type { EpicStatus } from "@/lib/domain/epic";
import { checkMove, DONE_LANE, lanesOf } from "@/lib/domain/phases";
import { laneCards } from "@/lib/queries/board-cache";
import { useBoard } from "@/lib/queries/board";
import { useMoveEpic } from "@/lib/queries/epic-mutations";
import { useBoardLive } from "@/lib/realtime/use-board-live";
import type { Board, EpicCard } from "@/lib/schemas/board";
import { BoardFilters, matchesFilter, NO_FILTER, type BoardFilter } from "./board-filters";
import { BoardLane } from "./board-lane";
import { EpicCardBody } from "./epic-card";
import { laneKeyboardCoordinates } from "./lane-keyboard";
import { LiveIndicator } from "./live-indicator";
import { plural } from "@/lib/utils/format";

// The drawer (todos, runs, diffs, review, merge), the epic form and the skip dialog are not needed
// to show the board: they load right after it, outside its first-load JavaScript.
const EpicDrawer = afterLoad(() =>
  import("@/components/epics/epic-drawer").then((m) => m.EpicDrawer),
);
const ConfirmDialog = afterLoad(() =>
  import("@/components/ui/confirm-dialog").then((m) => m.ConfirmDialog),
);
const EpicFormDialog = afterLoad(() =>
  import("@/components/epics/epic-form-dialog").then((m) => m.EpicFormDialog),
);

export function BoardClient({ initialBoard }: { initialBoard: Board }) {
  const slug = initialBoard.project.slug;
  const { data: board } = useBoard(slug, initialBoard);
  const live = useBoardLive(slug, board.project.id, board.seq);
  const router = useRouter();
  const pathname = usePathname();
  const openEpicId = useSearchParams().get("epic");
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [creating, setCreating] = useState(false);
  const [dragged, setDragged] = useState<EpicCard | null>(null);
  const [overLane, setOverLane] = useState<string | null>(null);
  const [skipping, setSkipping] = useState<{
    card: Pick<EpicCard, "id" | "phase" | "title">;
    to: string;
  } | null>(null);
  const move = useMoveEpic(slug);
  const canCreate = useCan("epic:create");
  const canStart = useCan("run:start");
  const canMove = useCan("epic:move");

  const phaseKeys = useMemo(() => board.phases.map((p) => p.key), [board.phases]);
  const lanes = useMemo(() => lanesOf(phaseKeys), [phaseKeys]);
  const laneTitle = useCallback(
    (lane: string) =>
      lane === DONE_LANE ? "Done" : (board.phases.find((p) => p.key === lane)?.name ?? lane),
    [board.phases],
  );
  const visible = useMemo(
    () => board.cards.filter((c) => matchesFilter(c, filter)),
    [board.cards, filter],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: laneKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const openEpic = useCallback(
    (id: string | null) => router.push(id ? `${pathname}?epic=${id}` : pathname, { scroll: false }),
    [router, pathname],
  );

  const tryMove = (
    card: Pick<EpicCard, "id" | "phase" | "status" | "title"> & { gate?: EpicCard["gate"] },
    to: string,
  ) => {
    const check = checkMove(
      phaseKeys,
      { phase: card.phase, status: card.status as EpicStatus },
      to,
    );
    if (!check.ok) {
      if (check.code !== "same-lane") toast.error(check.message);
      return;
    }
    const forward = lanes.indexOf(to) > lanes.indexOf(card.phase);
    const met = "gate" in card && card.gate?.passed === true;
    // Forward past a phase whose run has not met its definition of done: ask first.
    if (forward && !met) setSkipping({ card, to });
    else commitMove(card, to);
  };

  const commitMove = (card: Pick<EpicCard, "id" | "phase">, to: string) => {
    const from = card.phase;
    move.mutate(
      { id: card.id, to },
      {
        onSuccess: () =>
          toast.success(`Moved to ${laneTitle(to)}`, {
            action: { label: "Undo", onClick: () => move.mutate({ id: card.id, to: from }) },
          }),
      },
    );
  };

  const startRun = useCallback(
    async (card: Pick<EpicCard, "id" | "phase">, patternIds: string[] = []) => {
      const r = await startRunAction({ epicId: card.id, patternIds });
      if (!r.ok) toast.error(r.message);
      else if (r.data.gated)
        toast.info(`${card.phase} waits for an approval before it starts`, {
          action: { label: "Decisions", onClick: () => router.push("/decisions") },
        });
      else
        toast.success(`${card.phase} started`, {
          action: { label: "Watch", onClick: () => router.push(`/runs/${r.data.runId}`) },
        });
    },
    [router],
  );

  const onDragStart = (e: DragStartEvent) =>
    setDragged((e.active.data.current?.card as EpicCard) ?? null);
  const onDragOver = (e: DragOverEvent) => setOverLane(e.over ? String(e.over.id) : null);
  const onDragEnd = (e: DragEndEvent) => {
    const card = e.active.data.current?.card as EpicCard | undefined;
    setDragged(null);
    setOverLane(null);
    if (card && e.over) tryMove(card, String(e.over.id));
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up epic ${(active.data.current?.card as EpicCard)?.title}. Use left and right arrows to choose a lane, Space to drop, Escape to cancel.`,
    onDragOver: ({ over }) =>
      over ? `Over the ${laneTitle(String(over.id))} lane.` : "Not over a lane.",
    onDragEnd: ({ over }) =>
      over
        ? `Dropped in the ${laneTitle(String(over.id))} lane.`
        : "Dropped outside the lanes; nothing moved.",
    onDragCancel: () => "Move cancelled.",
  };

  const dropHint = (lane: string) => {
    if (!dragged || lane === dragged.phase) return null;
    return checkMove(
      phaseKeys,
      { phase: dragged.phase, status: dragged.status as EpicStatus },
      lane,
    ).ok
      ? "allowed"
      : "refused";
  };

  return (
    <div className="flex h-[calc(100vh-3.5rem)] flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-surface px-4 py-2.5">
        <h1 className="mr-2 text-base font-semibold">{board.project.name}</h1>
        <BoardFilters value={filter} onChange={setFilter} />
        <div className="ml-auto flex items-center gap-3">
          <Link
            href="/decisions"
            data-testid="board-decisions"
            className={
              board.cards.some((c) => c.openDecisions > 0)
                ? "rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold text-amber-800"
                : "text-xs text-slate-500"
            }
          >
            {plural(
              board.cards.reduce((n, c) => n + c.openDecisions, 0),
              "decision",
            )}{" "}
            waiting
          </Link>
          <LiveIndicator state={live} />
          {canCreate && <Button onClick={() => setCreating(true)}>New epic</Button>}
        </div>
      </div>
      <DndContext
        sensors={sensors}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragged(null)}
        // Lanes are measured afresh as the card moves, so ← → always start from where the lanes are now.
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "Press Space to pick up this epic, the left and right arrows to choose a lane, Space to drop it.",
          },
        }}
      >
        <div className="flex min-h-0 flex-1 gap-3 overflow-x-auto p-4" data-testid="board">
          {lanes.map((lane) => (
            <BoardLane
              key={lane}
              lane={lane}
              title={laneTitle(lane)}
              cards={laneCards(visible, lane)}
              onOpen={openEpic}
              onStart={canStart ? startRun : undefined}
              draggable={canMove}
              dropHint={overLane === lane ? dropHint(lane) : null}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {dragged ? <EpicCardBody card={dragged} lifted /> : null}
        </DragOverlay>
      </DndContext>
      {board.cards.length === 0 && (
        <p className="pointer-events-none absolute inset-x-0 top-1/2 text-center text-sm text-slate-500">
          No epics yet. Press <strong>New epic</strong> to add the first one.
        </p>
      )}
      <EpicFormDialog
        open={creating}
        onOpenChange={setCreating}
        slug={slug}
        projectId={board.project.id}
        onSaved={(id) => openEpic(id)}
      />
      <ConfirmDialog
        open={skipping !== null}
        onOpenChange={(open) => !open && setSkipping(null)}
        title={skipping ? `Skip ${laneTitle(skipping.card.phase)}?` : ""}
        confirmLabel={skipping ? `Move to ${laneTitle(skipping.to)}` : ""}
        onConfirm={() => {
          if (skipping) commitMove(skipping.card, skipping.to);
          setSkipping(null);
        }}
      >
        {skipping && (
          <p>
            “{skipping.card.title}” has no run of {laneTitle(skipping.card.phase)} that met its
            definition of done. Moving it by hand skips that phase; the card will say so until a run
            moves it on.
          </p>
        )}
      </ConfirmDialog>
      <EpicDrawer
        epicId={openEpicId}
        slug={slug}
        lanes={lanes}
        laneTitle={laneTitle}
        onClose={() => openEpic(null)}
        onMove={tryMove}
        onStart={canStart ? startRun : undefined}
      />
    </div>
  );
}

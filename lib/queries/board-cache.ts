// Pure updates of a cached board: applied for live changes and optimistic moves alike.
import { isActiveRun } from "@/lib/domain/run-status";
import { DONE_LANE } from "@/lib/domain/phases";
import type { Board, EpicCard } from "@/lib/schemas/board";

export function upsertCard(board: Board, card: EpicCard): Board {
  const i = board.cards.findIndex((c) => c.id === card.id);
  const cards = i < 0 ? [card, ...board.cards] : board.cards.with(i, card);
  return { ...board, cards };
}

export function removeCard(board: Board, epicId: string): Board {
  return { ...board, cards: board.cards.filter((c) => c.id !== epicId) };
}

/** Moves a card to the top of another lane before the server answers. */
export function moveCardLocally(board: Board, epicId: string, to: string): Board {
  const top = Math.min(0, ...board.cards.filter((c) => c.phase === to).map((c) => c.position)) - 1;
  return {
    ...board,
    cards: board.cards.map((c) =>
      c.id === epicId
        ? { ...c, phase: to, position: top, status: to === DONE_LANE ? "done" : "idle" }
        : c,
    ),
  };
}

/** Cards of one lane in display order. */
export function laneCards(cards: readonly EpicCard[], lane: string): EpicCard[] {
  return cards
    .filter((c) => c.phase === lane)
    .sort((a, b) => a.position - b.position || a.number - b.number);
}

/** A run's latest figures on its card: shown while active, gone when it ends. */
export function applyRunToCard(
  board: Board,
  run: {
    id: string;
    epicId: string;
    status: string;
    runner: string;
    phase: string;
    turns: number;
    maxTurns: number;
    currentAction: string | null;
  },
): Board {
  const active = isActiveRun(run.status);
  return {
    ...board,
    cards: board.cards.map((c) => {
      if (c.id !== run.epicId) return c;
      if (!active) return c.run?.id === run.id ? { ...c, run: null } : c;
      const { id, status, runner, phase, turns, maxTurns, currentAction } = run;
      return {
        ...c,
        status: status === "waiting" ? "waiting" : "running",
        run: { id, status, runner, phase, turns, maxTurns, currentAction },
      };
    }),
  };
}

import { describe, expect, it } from "vitest";
import {
  applyRunToCard,
  laneCards,
  moveCardLocally,
  removeCard,
  upsertCard,
} from "@/lib/queries/board-cache";
import type { Board, EpicCard } from "@/lib/schemas/board";

const card = (id: string, phase: string, position: number): EpicCard => ({
  id,
  number: position + 10,
  title: id,
  type: "feature",
  priority: "medium",
  targetVersion: null,
  phase,
  status: "idle",
  position,
  todoDone: 0,
  todoTotal: 0,
  updatedAt: "2026-01-01T00:00:00.000Z",
  run: null,
  openDecisions: 0,
  gate: null,
  skippedPhase: null,
});
const board: Board = {
  project: { id: "p", slug: "p", name: "P" },
  phases: [],
  seq: 3,
  cards: [card("a", "ANALYZER", 0), card("b", "ANALYZER", 1), card("c", "BUILDER", 0)],
};

describe("board cache", () => {
  it("replaces a known card and puts a new one first", () => {
    const renamed = upsertCard(board, { ...card("b", "ANALYZER", 1), title: "B2" });
    expect(renamed.cards.map((c) => c.title)).toEqual(["a", "B2", "c"]);
    expect(upsertCard(board, card("d", "TESTER", 0)).cards[0].id).toBe("d");
  });
  it("removes a card", () => {
    expect(removeCard(board, "a").cards.map((c) => c.id)).toEqual(["b", "c"]);
  });
  it("moves a card to the top of its new lane, done in the Done lane", () => {
    const moved = moveCardLocally(board, "b", "BUILDER");
    expect(laneCards(moved.cards, "BUILDER").map((c) => c.id)).toEqual(["b", "c"]);
    expect(moveCardLocally(board, "c", "DONE").cards.find((c) => c.id === "c")!.status).toBe(
      "done",
    );
  });
});

describe("run figures on a card", () => {
  const run = {
    id: "r1",
    epicId: "a",
    status: "running",
    runner: "demo",
    phase: "ANALYZER",
    turns: 4,
    maxTurns: 30,
    currentAction: "Editing lib/auth.ts",
  };
  it("show while the run is active and leave when it ends", () => {
    const live = applyRunToCard(board, run);
    expect(live.cards[0]).toMatchObject({
      status: "running",
      run: { turns: 4, currentAction: "Editing lib/auth.ts" },
    });
    expect(applyRunToCard(live, { ...run, status: "waiting" }).cards[0].status).toBe("waiting");
    expect(applyRunToCard(live, { ...run, status: "completed" }).cards[0].run).toBeNull();
  });
});

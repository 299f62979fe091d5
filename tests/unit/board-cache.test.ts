import { describe, expect, it } from "vitest";
import { laneCards, moveCardLocally, removeCard, upsertCard } from "@/lib/queries/board-cache";
import type { Board, EpicCard } from "@/lib/schemas/board";

const card = (id: string, phase: string, position: number): EpicCard => ({
  id, number: position + 10, title: id, type: "feature", priority: "medium", targetVersion: null,
  phase, status: "idle", position, todoDone: 0, todoTotal: 0, updatedAt: "2026-01-01T00:00:00.000Z",
});
const board: Board = { project: { id: "p", slug: "p", name: "P" }, phases: [], seq: 3, cards: [card("a", "ANALYZER", 0), card("b", "ANALYZER", 1), card("c", "BUILDER", 0)] };

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
    expect(moveCardLocally(board, "c", "DONE").cards.find((c) => c.id === "c")!.status).toBe("done");
  });
});

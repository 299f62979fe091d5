import { describe, expect, it } from "vitest";
import { seedDemo, seedLarge } from "@/prisma/seed";
import { getBoard } from "@/lib/services/board";
import { freshDb } from "../setup/db";

const db = await freshDb();

describe("seeding", () => {
  it("creates the demo project once, with epics spread over the lanes", async () => {
    expect(await seedDemo(db)).toBe(true);
    expect(await seedDemo(db)).toBe(false);
    expect(await db.project.count()).toBe(1);
    const board = await getBoard("demo");
    expect(board!.phases.map((p) => p.key)).toEqual([
      "ANALYZER",
      "BUILDER",
      "TESTER",
      "VALIDATOR",
      "DEPLOYER",
    ]);
    expect(new Set(board!.cards.map((c) => c.phase)).size).toBeGreaterThanOrEqual(4);
    expect(board!.cards.find((c) => c.title === "Rate limiter for the public API")).toMatchObject({
      todoDone: 1,
      todoTotal: 4,
    });
  });

  it("builds a 1,000-epic board on request, once", async () => {
    expect(await seedLarge(db, 1000)).toBe(true);
    expect(await seedLarge(db, 1000)).toBe(false);
    const board = await getBoard("large");
    expect(board!.cards).toHaveLength(1000);
    expect(board!.cards.filter((c) => c.phase === "DONE").every((c) => c.status === "done")).toBe(
      true,
    );
  });
});

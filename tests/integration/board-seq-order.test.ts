// A board's change seq (the audit id) must become visible in order: a client that saw seq N and
// later asks for "after N" must not miss a smaller seq that committed late. Matters on PostgreSQL,
// where ids are handed out at insert and rows appear at commit; runs on both databases.
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/db/audit";
import { freshDb, makeProject, system } from "../setup/db";

const db = await freshDb();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("board seq order", () => {
  it("a later change never shows before an earlier one has committed", async () => {
    const project = await makeProject();
    const entry = {
      action: "test.touch",
      objectType: "project",
      objectId: project.id,
      projectId: project.id,
    };
    const gaps: number[] = [];
    for (let round = 0; round < 5; round++) {
      // A slow change takes its seq first and commits late; a quick one follows it.
      const slow = db.$transaction(
        async (tx) => {
          const seq = await recordAudit(tx, system, entry);
          await sleep(150);
          return seq;
        },
        { timeout: 10_000 },
      );
      await sleep(30);
      const quick = await db.$transaction((tx) => recordAudit(tx, system, entry), {
        timeout: 10_000,
      });
      // What a client replaying the board sees the moment the quick change is visible:
      const visible = (
        await db.auditLog.findMany({
          where: { projectId: project.id, id: { lte: quick } },
          select: { id: true },
        })
      ).map((r) => r.id);
      const slowSeq = await slow;
      if (slowSeq < quick && !visible.includes(slowSeq)) gaps.push(slowSeq);
    }
    expect(gaps).toEqual([]);
  });
});

// Run events written by the hot path's raw INSERT read back through Prisma exactly as given — on
// SQLite and on PostgreSQL: text with quotes, newlines and emoji, nested JSON, numbers, times.
import { describe, expect, it } from "vitest";
import { appendRunEvents, runEventsAfter } from "@/lib/db/runs";
import { runEventWriter } from "@/lib/db/run-event-writer";
import { freshDb } from "../setup/db";
import { demoProjectId, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();

describe("run events through raw SQL", () => {
  it("read back exactly as written, by both writers", async () => {
    const epicId = await freshEpic(projectId, "Raw events");
    const runId = (
      await db.run.create({
        data: {
          projectId,
          epicId,
          phase: "ANALYZER",
          runner: "demo",
          workflow: "architect",
          maxTurns: 1,
          timeoutSec: 60,
          status: "completed",
        },
      })
    ).id;
    const base = 0;
    const at = new Date("2026-11-21T10:00:00.123Z");
    const data = [
      {
        line: 'He said "ship it"\nthen left \\ 🐝',
        nested: { list: [1, 2.5, -3], ok: true, none: null },
      },
      { text: "plain" },
      { unicode: "é ü 中文", empty: "" },
    ];
    await db.$transaction((tx) =>
      appendRunEvents(
        tx,
        runId,
        data.slice(0, 2).map((d, i) => ({ seq: base + 1000 + i, kind: "log", data: d, at })),
      ),
    );
    await runEventWriter.write(
      runId,
      [{ seq: base + 1002, kind: "text", data: data[2], at }],
      null,
    );
    const back = (await runEventsAfter(db, runId, base + 999, 10)).map((e) => ({
      seq: e.seq,
      kind: e.kind,
      data: e.data,
      at: e.at,
    }));
    expect(back).toEqual([
      { seq: base + 1000, kind: "log", data: data[0], at: at.toISOString() },
      { seq: base + 1001, kind: "log", data: data[1], at: at.toISOString() },
      { seq: base + 1002, kind: "text", data: data[2], at: at.toISOString() },
    ]);
  });
});

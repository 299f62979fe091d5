// The board's first-run checklist, ticked from what really happened in the project, per role.
import { describe, expect, it } from "vitest";
import { firstRunChecklist } from "@/lib/services/first-run";
import { freshDb, makeProject } from "../setup/db";
import { actorOf } from "../setup/actors";
import { endedRun } from "../setup/runs";

const db = await freshDb();

describe("the first-run checklist", () => {
  it("lists the steps a role can take, ticks them from the data, and goes away when all are done", async () => {
    const p = await makeProject();
    const keys = async (role: Parameters<typeof actorOf>[0]) =>
      (await firstRunChecklist(p.id, actorOf(role)))?.map((s) => `${s.key}:${s.done}`);
    await db.invite.deleteMany();
    await db.user.deleteMany();
    expect(await keys("admin")).toEqual([
      "demo:false",
      "run:false",
      "decision:false",
      "invite:false",
    ]);
    expect(await keys("approver")).toEqual(["demo:false", "decision:false"]);
    expect(await keys("viewer")).toEqual(["demo:false"]);
    expect(await firstRunChecklist(p.id, { ...actorOf("admin"), role: null })).toBeNull();

    const epic = await db.epic.create({
      data: { projectId: p.id, number: 1, title: "First", phase: "ANALYZER", keyRequirements: [] },
    });
    await endedRun(p.id, epic.id);
    await db.decision.create({
      data: {
        projectId: p.id,
        source: "manager",
        title: "Which?",
        options: [],
        status: "answered",
      },
    });
    expect(await keys("admin")).toEqual(["demo:true", "run:true", "decision:true", "invite:false"]);
    await db.invite.create({
      data: { tokenHash: "t", role: "viewer", expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await firstRunChecklist(p.id, actorOf("admin"))).toBeNull();
  });
});

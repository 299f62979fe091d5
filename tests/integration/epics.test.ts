import type { z } from "zod";
import type { CreateEpicSchema } from "@/lib/schemas/epic";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BoardChange } from "@/lib/realtime/events";
import { realtimeBus } from "@/lib/realtime/publish";
import { getBoard, getEpicDetail } from "@/lib/services/board";
import { createEpic, deleteEpic, moveEpic, updateEpic } from "@/lib/services/epics";
import { addTodo, deleteTodo, reorderTodos, updateTodo } from "@/lib/services/todos";
import { freshDb, makeProject, manager } from "../setup/db";

const db = await freshDb();
const published: BoardChange[] = [];
const listener = (c: BoardChange) => published.push(c);
realtimeBus.on("board:change", listener);
afterEach(() => void (published.length = 0));

const fields: Omit<z.output<typeof CreateEpicSchema>, "projectId"> = {
  title: "Sign in with links",
  description: "",
  type: "feature",
  priority: "high",
  targetVersion: "1.4",
  keyRequirements: ["Expire links"],
};

async function newEpic(projectId: string, title = fields.title) {
  const r = await createEpic(manager, { ...fields, title, projectId });
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

describe("epics", () => {
  let projectId: string;
  let slug: string;
  beforeAll(async () => {
    const p = await makeProject();
    projectId = p.id;
    slug = p.slug;
  });

  it("are created in the first phase with the next number, an audit row, and one published change after commit", async () => {
    const id = await newEpic(projectId);
    const epic = await db.epic.findUniqueOrThrow({ where: { id } });
    expect(epic).toMatchObject({
      phase: "ANALYZER",
      status: "idle",
      number: 1,
      title: fields.title,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { epicId: id } });
    expect(audit).toMatchObject({ action: "epic.create", actorLabel: "Mia Manager" });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      seq: audit.id,
      type: "epic:created",
      epicId: id,
      card: { title: fields.title, number: 1, todoTotal: 0 },
    });
    expect(
      (await newEpic(projectId, "Second epic")) && (await db.epic.count({ where: { projectId } })),
    ).toBe(2);
  });

  it("record what an edit changed", async () => {
    const id = await newEpic(projectId, "Editable epic");
    const r = await updateEpic(manager, { ...fields, id, title: "Edited epic", priority: "low" });
    expect(r.ok).toBe(true);
    const detail = await getEpicDetail(id);
    expect(detail).toMatchObject({ title: "Edited epic", priority: "low" });
    expect(detail!.history[0]).toMatchObject({
      action: "epic.update",
      data: { changed: ["title", "priority"] },
    });
  });

  it("move one lane forward, and a refused move changes nothing and publishes nothing", async () => {
    const id = await newEpic(projectId, "Mover");
    expect(await moveEpic(manager, { id, to: "BUILDER" })).toMatchObject({ ok: true });
    published.length = 0;
    const auditBefore = await db.auditLog.count();
    const refused = await moveEpic(manager, { id, to: "DEPLOYER" });
    expect(refused).toMatchObject({ ok: false, code: "cannot-skip-phases" });
    expect((await db.epic.findUniqueOrThrow({ where: { id } })).phase).toBe("BUILDER");
    expect(await db.auditLog.count()).toBe(auditBefore);
    expect(published).toEqual([]);
  });

  it("carry a mark when moved past a phase by hand, cleared by moving back; a met gate leaves none", async () => {
    const id = await newEpic(projectId, "Skipper");
    await moveEpic(manager, { id, to: "BUILDER" });
    const card = async () => (await getBoard(slug))!.cards.find((c) => c.id === id)!;
    expect((await card()).skippedPhase).toBe("ANALYZER");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { epicId: id, action: "epic.move" },
      orderBy: { id: "desc" },
    });
    expect(audit.data).toMatchObject({ from: "ANALYZER", to: "BUILDER", skipped: true });
    await moveEpic(manager, { id, to: "ANALYZER" }); // Undo
    expect((await card()).skippedPhase).toBeNull();
    // A run of ANALYZER met its definition of done: moving on by hand skips nothing.
    await db.epic.update({
      where: { id },
      data: { lastGate: { phase: "ANALYZER", passed: true, pending: false, checks: [] } },
    });
    await moveEpic(manager, { id, to: "BUILDER" });
    expect((await card()).skippedPhase).toBeNull();
  });

  it("refuse to move an epic whose run is in progress", async () => {
    const id = await newEpic(projectId, "Busy");
    await db.epic.update({ where: { id }, data: { status: "running" } });
    expect(await moveEpic(manager, { id, to: "BUILDER" })).toMatchObject({
      ok: false,
      code: "run-in-progress",
    });
  });

  it("say so when acted on after deletion, and leave the board", async () => {
    const id = await newEpic(projectId, "Doomed");
    expect(await deleteEpic(manager, { id })).toMatchObject({ ok: true });
    expect(published.at(-1)).toMatchObject({ type: "epic:deleted", epicId: id, card: null });
    for (const r of [
      await updateEpic(manager, { ...fields, id }),
      await moveEpic(manager, { id, to: "BUILDER" }),
      await addTodo(manager, { epicId: id, content: "x", priority: "medium" }),
    ]) {
      expect(r).toMatchObject({
        ok: false,
        code: "epic-not-found",
        message: expect.stringContaining("no longer exists"),
      });
    }
    const board = await getBoard(slug);
    expect(board!.cards.find((c) => c.id === id)).toBeUndefined();
  });

  it("refuse a project that does not exist", async () => {
    expect(await createEpic(manager, { ...fields, projectId: "nope" })).toMatchObject({
      ok: false,
      code: "project-not-found",
    });
  });
});

describe("todos", () => {
  it("are added, checked, edited, reordered and deleted, with the card's progress following", async () => {
    const { id: projectId } = await makeProject();
    const epicId = await newEpic(projectId, "With todos");
    const ids: string[] = [];
    for (const content of ["Plan", "Build", "Test"]) {
      const r = await addTodo(manager, { epicId, content, priority: "medium" });
      if (r.ok) ids.push(r.data.id);
    }
    expect(published.at(-1)).toMatchObject({
      type: "todos:changed",
      card: { todoDone: 0, todoTotal: 3 },
    });
    await updateTodo(manager, { id: ids[0], status: "completed" });
    expect(published.at(-1)!.card).toMatchObject({ todoDone: 1, todoTotal: 3 });
    await updateTodo(manager, { id: ids[1], content: "Build it" });
    expect(
      await reorderTodos(manager, { epicId, orderedIds: [ids[2], ids[0], ids[1]] }),
    ).toMatchObject({ ok: true });
    let detail = await getEpicDetail(epicId);
    expect(detail!.todos.map((t) => t.content)).toEqual(["Test", "Plan", "Build it"]);
    expect(await reorderTodos(manager, { epicId, orderedIds: [ids[0], ids[1]] })).toMatchObject({
      ok: false,
      code: "todos-changed",
    });
    await deleteTodo(manager, { id: ids[2] });
    detail = await getEpicDetail(epicId);
    expect(detail!.todos.map((t) => t.content)).toEqual(["Plan", "Build it"]);
    expect(await updateTodo(manager, { id: ids[2], status: "completed" })).toMatchObject({
      ok: false,
      code: "todo-not-found",
    });
  });
});

describe("the database", () => {
  it("enforces relations (foreign keys are on for the app's connection)", async () => {
    await expect(
      db.todo.create({ data: { epicId: "no-such-epic", content: "orphan", position: 0 } }),
    ).rejects.toThrow();
    expect(await db.todo.count({ where: { epicId: "no-such-epic" } })).toBe(0);
  });
});

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import type { AddTodoSchema, ReorderTodosInput, UpdateTodoSchema } from "@/lib/schemas/epic";
import type { z } from "zod";
import { commitChange, fail, type ChangeOutcome } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";

const TODO_NOT_FOUND = "This todo no longer exists (someone may have deleted it).";

function todoChange<T>(
  value: T,
  action: string,
  epic: { id: string; projectId: string },
  objectId: string,
  data?: object,
): ChangeOutcome<T> {
  return {
    ok: true,
    value,
    audit: {
      action,
      objectType: "todo",
      objectId,
      projectId: epic.projectId,
      epicId: epic.id,
      data: data as never,
    },
    board: { type: "todos:changed", epicId: epic.id },
  };
}

/** The todo and its epic, when both are live. */
async function liveTodo(tx: Tx, id: string) {
  const todo = await tx.todo.findUnique({
    where: { id },
    include: { epic: { select: { id: true, projectId: true, deletedAt: true } } },
  });
  return todo && !todo.epic.deletedAt ? todo : null;
}

export function addTodo(actor: Actor, input: z.output<typeof AddTodoSchema>) {
  return commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const last = await tx.todo.findFirst({
      where: { epicId: epic.id },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const todo = await tx.todo.create({
      data: {
        epicId: epic.id,
        content: input.content,
        priority: input.priority,
        phase: input.phase ?? null,
        position: (last?.position ?? -1) + 1,
      },
    });
    return todoChange({ id: todo.id }, "todo.add", epic, todo.id, { content: todo.content });
  });
}

export function updateTodo(actor: Actor, input: z.output<typeof UpdateTodoSchema>) {
  const { id, ...fields } = input;
  return commitChange(actor, async (tx) => {
    const todo = await liveTodo(tx, id);
    if (!todo) return fail("todo-not-found", TODO_NOT_FOUND);
    await tx.todo.update({ where: { id }, data: fields });
    return todoChange(
      { id },
      fields.status ? `todo.${fields.status}` : "todo.update",
      todo.epic,
      id,
      fields,
    );
  });
}

export function deleteTodo(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const todo = await liveTodo(tx, input.id);
    if (!todo) return fail("todo-not-found", TODO_NOT_FOUND);
    await tx.todo.delete({ where: { id: todo.id } });
    return todoChange({ id: todo.id }, "todo.delete", todo.epic, todo.id, {
      content: todo.content,
    });
  });
}

export function reorderTodos(actor: Actor, input: ReorderTodosInput) {
  return commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.epicId);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const current = await tx.todo.findMany({ where: { epicId: epic.id }, select: { id: true } });
    const known = new Set(current.map((t) => t.id));
    if (
      input.orderedIds.length !== known.size ||
      new Set(input.orderedIds).size !== known.size ||
      !input.orderedIds.every((id) => known.has(id))
    ) {
      return fail(
        "todos-changed",
        "The todo list changed while you were reordering it: reload and try again.",
      );
    }
    for (const [position, id] of input.orderedIds.entries())
      await tx.todo.update({ where: { id }, data: { position } });
    return todoChange({ id: epic.id }, "todo.reorder", epic, epic.id);
  });
}

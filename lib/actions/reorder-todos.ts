"use server";
import { ReorderTodosSchema } from "@/lib/schemas/epic";
import { reorderTodos } from "@/lib/services/todos";
import { defineAction } from "./define-action";

const handle = defineAction(ReorderTodosSchema, "todo:write", reorderTodos);

export async function reorderTodosAction(input: unknown) {
  return handle(input);
}

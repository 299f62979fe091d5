"use server";
import { UpdateTodoSchema } from "@/lib/schemas/epic";
import { updateTodo } from "@/lib/services/todos";
import { defineAction } from "./define-action";

const handle = defineAction(UpdateTodoSchema, "todo:write", updateTodo);

export async function updateTodoAction(input: unknown) {
  return handle(input);
}

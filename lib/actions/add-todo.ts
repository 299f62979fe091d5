"use server";
import { AddTodoSchema } from "@/lib/schemas/epic";
import { addTodo } from "@/lib/services/todos";
import { defineAction } from "./define-action";

const handle = defineAction(AddTodoSchema, "todo:write", addTodo);

export async function addTodoAction(input: unknown) {
  return handle(input);
}

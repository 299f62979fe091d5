"use server";
import { IdInputSchema } from "@/lib/schemas/common";
import { deleteTodo } from "@/lib/services/todos";
import { defineAction } from "./define-action";

const handle = defineAction(IdInputSchema, "todo:write", deleteTodo);

export async function deleteTodoAction(input: unknown) {
  return handle(input);
}

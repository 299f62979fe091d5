"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function updateTodoAction(input: unknown) {
  return runAction(ACTIONS.updateTodo, input);
}

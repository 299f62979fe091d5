"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function reorderTodosAction(input: unknown) {
  return runAction(ACTIONS.reorderTodos, input);
}

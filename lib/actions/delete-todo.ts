"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function deleteTodoAction(input: unknown) {
  return runAction(ACTIONS.deleteTodo, input);
}

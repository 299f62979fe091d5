"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function addTodoAction(input: unknown) {
  return runAction(ACTIONS.addTodo, input);
}

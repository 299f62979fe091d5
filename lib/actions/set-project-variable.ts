"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function setProjectVariableAction(input: unknown) {
  return runAction(ACTIONS.setProjectVariable, input);
}

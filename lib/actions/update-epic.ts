"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function updateEpicAction(input: unknown) {
  return runAction(ACTIONS.updateEpic, input);
}

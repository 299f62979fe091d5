"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function deleteEpicAction(input: unknown) {
  return runAction(ACTIONS.deleteEpic, input);
}

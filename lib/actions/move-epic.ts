"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function moveEpicAction(input: unknown) {
  return runAction(ACTIONS.moveEpic, input);
}

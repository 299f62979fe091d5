"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function createEpicAction(input: unknown) {
  return runAction(ACTIONS.createEpic, input);
}

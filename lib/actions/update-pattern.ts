"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function updatePatternAction(input: unknown) {
  return runAction(ACTIONS.updatePattern, input);
}

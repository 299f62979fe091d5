"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function createPatternAction(input: unknown) {
  return runAction(ACTIONS.createPattern, input);
}

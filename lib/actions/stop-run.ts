"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function stopRunAction(input: unknown) {
  return runAction(ACTIONS.stopRun, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function startRunAction(input: unknown) {
  return runAction(ACTIONS.startRun, input);
}

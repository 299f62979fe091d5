"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function killRunAction(input: unknown) {
  return runAction(ACTIONS.killRun, input);
}

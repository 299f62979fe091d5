"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function startTrialAction(input: unknown) {
  return runAction(ACTIONS.startTrial, input);
}

export async function chooseTrialRunAction(input: unknown) {
  return runAction(ACTIONS.chooseTrialRun, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function createDecisionAction(input: unknown) {
  return runAction(ACTIONS.createDecision, input);
}

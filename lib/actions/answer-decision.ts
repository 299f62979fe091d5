"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function answerDecisionAction(input: unknown) {
  return runAction(ACTIONS.answerDecision, input);
}

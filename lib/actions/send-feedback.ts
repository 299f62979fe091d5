"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function sendFeedbackAction(input: unknown) {
  return runAction(ACTIONS.sendFeedback, input);
}

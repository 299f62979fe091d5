"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function answerApprovalAction(input: unknown) {
  return runAction(ACTIONS.answerApproval, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function removePermissionRuleAction(input: unknown) {
  return runAction(ACTIONS.removePermissionRule, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function addPermissionRuleAction(input: unknown) {
  return runAction(ACTIONS.addPermissionRule, input);
}

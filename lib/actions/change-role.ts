"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function changeRoleAction(input: unknown) {
  return runAction(ACTIONS.changeRole, input);
}

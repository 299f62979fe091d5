"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function revokeInviteAction(input: unknown) {
  return runAction(ACTIONS.revokeInvite, input);
}

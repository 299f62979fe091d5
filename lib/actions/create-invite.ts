"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function createInviteAction(input: unknown) {
  return runAction(ACTIONS.createInvite, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function revokeSessionsAction(input: unknown) {
  return runAction(ACTIONS.revokeSessions, input);
}

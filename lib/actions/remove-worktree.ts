"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function removeWorktreeAction(input: unknown) {
  return runAction(ACTIONS.removeWorktree, input);
}

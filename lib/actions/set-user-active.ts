"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function setUserActiveAction(input: unknown) {
  return runAction(ACTIONS.setUserActive, input);
}

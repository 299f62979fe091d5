"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function setAutomagikServerAction(input: unknown) {
  return runAction(ACTIONS.setAutomagikServer, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function removeWebhookAction(input: unknown) {
  return runAction(ACTIONS.removeWebhook, input);
}

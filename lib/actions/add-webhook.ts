"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function addWebhookAction(input: unknown) {
  return runAction(ACTIONS.addWebhook, input);
}

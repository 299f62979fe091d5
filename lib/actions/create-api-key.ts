"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function createApiKeyAction(input: unknown) {
  return runAction(ACTIONS.createApiKey, input);
}

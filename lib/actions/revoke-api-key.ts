"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function revokeApiKeyAction(input: unknown) {
  return runAction(ACTIONS.revokeApiKey, input);
}

"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function setApprovalSettingsAction(input: unknown) {
  return runAction(ACTIONS.setApprovalSettings, input);
}

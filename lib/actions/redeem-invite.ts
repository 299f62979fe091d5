"use server";
import { RedeemInviteSchema } from "@/lib/schemas/account";
import { redeemInvite } from "@/lib/services/accounts";
import { runPublicAction } from "./define-action";

export async function redeemInviteAction(input: unknown) {
  return runPublicAction(RedeemInviteSchema, input, redeemInvite);
}

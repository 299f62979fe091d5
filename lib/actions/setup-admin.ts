"use server";
import { SetupSchema } from "@/lib/schemas/account";
import { setupFirstAdmin } from "@/lib/services/accounts";
import { runPublicAction } from "./define-action";

export async function setupAdminAction(input: unknown) {
  return runPublicAction(SetupSchema, input, setupFirstAdmin);
}

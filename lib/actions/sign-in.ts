"use server";
import { SignInSchema } from "@/lib/schemas/account";
import { signIn } from "@/lib/services/accounts";
import { runPublicAction } from "./define-action";

export async function signInAction(input: unknown) {
  return runPublicAction(SignInSchema, input, signIn);
}

"use server";
import { IdInputSchema } from "@/lib/schemas/common";
import { removeEpicWorktree } from "@/lib/services/runs";
import { defineAction } from "./define-action";

const handle = defineAction(IdInputSchema, "epic:update", removeEpicWorktree);

export async function removeWorktreeAction(input: unknown) {
  return handle(input);
}

"use server";
import { IdInputSchema } from "@/lib/schemas/common";
import { deleteEpic } from "@/lib/services/epics";
import { defineAction } from "./define-action";

const handle = defineAction(IdInputSchema, "epic:delete", deleteEpic);

export async function deleteEpicAction(input: unknown) {
  return handle(input);
}

"use server";
import { UpdateEpicSchema } from "@/lib/schemas/epic";
import { updateEpic } from "@/lib/services/epics";
import { defineAction } from "./define-action";

const handle = defineAction(UpdateEpicSchema, "epic:update", updateEpic);

export async function updateEpicAction(input: unknown) {
  return handle(input);
}

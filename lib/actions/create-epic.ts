"use server";
import { CreateEpicSchema } from "@/lib/schemas/epic";
import { createEpic } from "@/lib/services/epics";
import { defineAction } from "./define-action";

const handle = defineAction(CreateEpicSchema, "epic:create", createEpic);

export async function createEpicAction(input: unknown) {
  return handle(input);
}

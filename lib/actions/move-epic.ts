"use server";
import { MoveEpicSchema } from "@/lib/schemas/epic";
import { moveEpic } from "@/lib/services/epics";
import { defineAction } from "./define-action";

const handle = defineAction(MoveEpicSchema, "epic:move", moveEpic);

export async function moveEpicAction(input: unknown) {
  return handle(input);
}

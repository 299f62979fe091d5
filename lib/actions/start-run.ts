"use server";
import { StartRunSchema } from "@/lib/schemas/run";
import { startRun } from "@/lib/services/runs";
import { defineAction } from "./define-action";

const handle = defineAction(StartRunSchema, "run:start", startRun);

export async function startRunAction(input: unknown) {
  return handle(input);
}

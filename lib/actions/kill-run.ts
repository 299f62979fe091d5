"use server";
import { RunIdInputSchema } from "@/lib/schemas/run";
import { controlRun } from "@/lib/services/runs";
import { defineAction } from "./define-action";

const handle = defineAction(RunIdInputSchema, "run:steer", (actor, input) => controlRun(actor, input, "kill"));

export async function killRunAction(input: unknown) {
  return handle(input);
}

"use server";
import { FeedbackInputSchema } from "@/lib/schemas/run";
import { sendFeedback } from "@/lib/services/runs";
import { defineAction } from "./define-action";

const handle = defineAction(FeedbackInputSchema, "run:steer", sendFeedback);

export async function sendFeedbackAction(input: unknown) {
  return handle(input);
}

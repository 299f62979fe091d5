"use server";
import { ApprovalAnswerSchema } from "@/lib/schemas/run";
import { answerRunApproval } from "@/lib/services/runs";
import { defineAction } from "./define-action";

const handle = defineAction(ApprovalAnswerSchema, "run:steer", answerRunApproval);

export async function answerApprovalAction(input: unknown) {
  return handle(input);
}

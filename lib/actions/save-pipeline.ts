"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function savePipelineAction(input: unknown) {
  return runAction(ACTIONS.savePipeline, input);
}

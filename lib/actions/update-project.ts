"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function updateProjectAction(input: unknown) {
  return runAction(ACTIONS.updateProject, input);
}

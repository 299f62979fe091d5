"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function createProjectAction(input: unknown) {
  return runAction(ACTIONS.createProject, input);
}

"use server";
import { ProjectInputSchema } from "@/lib/schemas/project";
import { createProject } from "@/lib/services/projects";
import { defineAction } from "./define-action";

const handle = defineAction(ProjectInputSchema, "project:create", createProject);

export async function createProjectAction(input: unknown) {
  return handle(input);
}

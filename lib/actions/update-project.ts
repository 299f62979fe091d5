"use server";
import { UpdateProjectSchema } from "@/lib/schemas/project";
import { updateProject } from "@/lib/services/projects";
import { defineAction } from "./define-action";

const handle = defineAction(UpdateProjectSchema, "project:update", updateProject);

export async function updateProjectAction(input: unknown) {
  return handle(input);
}

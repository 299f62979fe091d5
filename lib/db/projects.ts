import "server-only";
import type { Tx } from "./client";

export function listProjects(tx: Tx) {
  return tx.project.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, slug: true, name: true },
  });
}

export function findProjectBySlug(tx: Tx, slug: string) {
  return tx.project.findUnique({ where: { slug } });
}

export function findProjectById(tx: Tx, id: string) {
  return tx.project.findUnique({ where: { id } });
}

/** Phase keys of a project's pipeline, in order. */
export async function pipelinePhases(tx: Tx, projectId: string) {
  const pipeline = await tx.pipeline.findUnique({
    where: { projectId },
    select: { phases: { orderBy: { position: "asc" }, select: { key: true, name: true } } },
  });
  return pipeline?.phases ?? [];
}

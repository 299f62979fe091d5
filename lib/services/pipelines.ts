import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { agentOfRunner, type AgentName } from "@/lib/domain/agents";
import { DEFAULT_GATE, type Gate } from "@/lib/domain/gates";
import type { PipelineSpec } from "@/lib/schemas/pipeline";
import { parsePipelineYaml } from "@/lib/schemas/pipeline-yaml";
import { commitChange, fail } from "./commit-change";

/** A project's pipeline as its spec (what pipeline.yaml shows). */
export async function getPipelineSpec(projectId: string): Promise<PipelineSpec | null> {
  const pipeline = await getDb().pipeline.findUnique({
    where: { projectId },
    include: { phases: { orderBy: { position: "asc" } } },
  });
  if (!pipeline) return null;
  return {
    name: pipeline.name,
    phases: pipeline.phases.map((p) => ({
      key: p.key,
      name: p.name,
      workflow: p.workflow,
      runner: p.runner as PipelineSpec["phases"][number]["runner"],
      // Phases saved before agents were named: the agent their runner drove.
      agent: (p.agent as AgentName | null) ?? agentOfRunner(p.runner),
      model: p.model,
      prompt: p.promptTemplate,
      command: p.command,
      maxTurns: p.maxTurns,
      timeoutSec: p.timeoutSec,
      autoAdvance: p.autoAdvance,
      approvalRequired: p.approvalRequired,
      continueSession: p.continueSession,
      gate: { ...DEFAULT_GATE, ...((p.gate as Partial<Gate> | null) ?? {}) },
    })),
  };
}

/**
 * Replaces a project's pipeline with the one in `yaml`, in one transaction. A phase that still
 * has epics cannot be removed (they would fall off the board): the answer says which and how many.
 */
export function savePipelineYaml(actor: Actor, input: { projectId: string; yaml: string }) {
  return commitChange(actor, async (tx) => {
    const parsed = parsePipelineYaml(input.yaml);
    if (!parsed.ok) {
      return fail(
        "invalid-pipeline",
        `pipeline.yaml has ${parsed.errors.length} problem${parsed.errors.length > 1 ? "s" : ""}.`,
        Object.fromEntries(
          parsed.errors.map((e) => [`line ${e.line}${e.path ? ` ${e.path}` : ""}`, e.message]),
        ),
      );
    }
    const spec = parsed.spec;
    const pipeline = await tx.pipeline.findUnique({
      where: { projectId: input.projectId },
      include: { phases: true },
    });
    if (!pipeline)
      return fail("project-not-found", "This project has no pipeline (it may have been deleted).");
    const keep = new Set(spec.phases.map((p) => p.key));
    const removed = pipeline.phases.filter((p) => !keep.has(p.key)).map((p) => p.key);
    if (removed.length) {
      const stranded = await tx.epic.groupBy({
        by: ["phase"],
        where: { projectId: input.projectId, deletedAt: null, phase: { in: removed } },
        _count: { _all: true },
      });
      if (stranded.length) {
        const list = stranded.map((s) => `${s._count._all} in ${s.phase}`).join(", ");
        return fail(
          "phase-has-epics",
          `Epics are still in a phase you removed (${list}): move them to another lane first.`,
          { phases: `Keep ${stranded.map((s) => s.phase).join(", ")} or move its epics first` },
        );
      }
      await tx.phase.deleteMany({ where: { pipelineId: pipeline.id, key: { in: removed } } });
    }
    for (const [position, p] of spec.phases.entries()) {
      const data = {
        name: p.name,
        position,
        workflow: p.workflow,
        runner: p.runner,
        agent: p.agent,
        model: p.model,
        promptTemplate: p.prompt,
        command: p.command ?? null,
        maxTurns: p.maxTurns,
        timeoutSec: p.timeoutSec,
        autoAdvance: p.autoAdvance,
        approvalRequired: p.approvalRequired,
        continueSession: p.continueSession,
        gate: p.gate as Prisma.InputJsonValue,
      };
      await tx.phase.upsert({
        where: { pipelineId_key: { pipelineId: pipeline.id, key: p.key } },
        create: { ...data, key: p.key, pipelineId: pipeline.id },
        update: data,
      });
    }
    await tx.pipeline.update({ where: { id: pipeline.id }, data: { name: spec.name } });
    return {
      ok: true,
      value: { phases: spec.phases.length },
      audit: {
        action: "pipeline.update",
        objectType: "pipeline",
        objectId: pipeline.id,
        projectId: input.projectId,
        data: { phases: spec.phases.map((p) => p.key), removed },
      },
      board: { type: "project:updated", epicId: null },
    };
  });
}

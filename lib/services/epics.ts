import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { findLiveEpic, nextEpicNumber, topPosition } from "@/lib/db/epics";
import { findProjectById, pipelinePhases } from "@/lib/db/projects";
import type { EpicStatus } from "@/lib/domain/epic";
import { checkMove, lanesOf } from "@/lib/domain/phases";
import { CreateEpicSchema, UpdateEpicSchema, type MoveEpicInput } from "@/lib/schemas/epic";
import type { z } from "zod";
import { commitChange, fail } from "./commit-change";

export const EPIC_NOT_FOUND = "This epic no longer exists (it may have been deleted).";

export function createEpic(actor: Actor, input: z.output<typeof CreateEpicSchema>) {
  const { projectId, ...fields } = input;
  return commitChange(actor, async (tx) => {
    const project = await findProjectById(tx, projectId);
    if (!project)
      return fail("project-not-found", "This project does not exist (it may have been deleted).");
    const phases = await pipelinePhases(tx, projectId);
    const phase = phases[0]?.key;
    if (!phase)
      return fail(
        "pipeline-empty",
        "This project's pipeline has no phases: add one in its settings first.",
      );
    const epic = await tx.epic.create({
      data: {
        ...fields,
        projectId,
        phase,
        number: await nextEpicNumber(tx, projectId),
        position: await topPosition(tx, projectId, phase),
        createdById: actor.id,
      },
    });
    return {
      ok: true,
      value: { id: epic.id, number: epic.number },
      audit: {
        action: "epic.create",
        objectType: "epic",
        objectId: epic.id,
        projectId,
        epicId: epic.id,
        data: { title: epic.title },
      },
      board: { type: "epic:created", epicId: epic.id },
    };
  });
}

export function updateEpic(actor: Actor, input: z.output<typeof UpdateEpicSchema>) {
  const { id, ...fields } = input;
  return commitChange(actor, async (tx) => {
    const before = await findLiveEpic(tx, id);
    if (!before) return fail("epic-not-found", EPIC_NOT_FOUND);
    const changed = Object.keys(fields).filter(
      (k) =>
        JSON.stringify(before[k as keyof typeof before] ?? null) !==
        JSON.stringify(fields[k as keyof typeof fields] ?? null),
    );
    await tx.epic.update({ where: { id }, data: fields });
    return {
      ok: true,
      value: { id },
      audit: {
        action: "epic.update",
        objectType: "epic",
        objectId: id,
        projectId: before.projectId,
        epicId: id,
        data: { changed },
      },
      board: { type: "epic:updated", epicId: id },
    };
  });
}

export function moveEpic(actor: Actor, input: MoveEpicInput) {
  return commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.id);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    const phases = (await pipelinePhases(tx, epic.projectId)).map((p) => p.key);
    const check = checkMove(
      phases,
      { phase: epic.phase, status: epic.status as EpicStatus },
      input.to,
    );
    if (!check.ok) return fail(check.code, check.message);
    // Forward past a phase whose definition of done was not met: the card carries the mark.
    const lanes = lanesOf(phases);
    const forward = lanes.indexOf(input.to) > lanes.indexOf(epic.phase);
    const gate = epic.lastGate as { phase?: string; passed?: boolean } | null;
    const met = gate?.phase === epic.phase && gate.passed === true;
    await tx.epic.update({
      where: { id: epic.id },
      data: {
        phase: input.to,
        status: check.status,
        skippedPhase: forward ? (met ? null : epic.phase) : null,
        position: await topPosition(tx, epic.projectId, input.to),
      },
    });
    return {
      ok: true,
      value: { id: epic.id, phase: input.to },
      audit: {
        action: "epic.move",
        objectType: "epic",
        objectId: epic.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { from: epic.phase, to: input.to, ...(forward && !met ? { skipped: true } : {}) },
      },
      board: { type: "epic:moved", epicId: epic.id },
    };
  });
}

export function deleteEpic(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.id);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    if (epic.status === "running" || epic.status === "waiting") {
      return fail(
        "run-in-progress",
        "A run is in progress on this epic: stop it before deleting the epic.",
      );
    }
    await tx.epic.update({ where: { id: epic.id }, data: { deletedAt: new Date() } });
    return {
      ok: true,
      value: { id: epic.id },
      audit: {
        action: "epic.delete",
        objectType: "epic",
        objectId: epic.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { title: epic.title },
      },
      board: { type: "epic:deleted", epicId: epic.id },
    };
  });
}

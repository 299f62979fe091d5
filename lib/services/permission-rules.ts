import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { projectRules } from "@/lib/db/permission-rules";
import type { PermissionRuleInputSchema } from "@/lib/schemas/permission-rule";
import { commitChange, fail } from "./commit-change";

// Who answers an agent's tool prompts: the project's permission rules first, then people. Managers
// edit the rules on the project's settings page; "Always allow" on a card adds one (decisions.ts).

export const listPermissionRules = (projectId: string) => projectRules(getDb(), projectId);

export function addPermissionRule(actor: Actor, input: z.output<typeof PermissionRuleInputSchema>) {
  return commitChange(actor, async (tx) => {
    const project = await tx.project.findUnique({
      where: { id: input.projectId },
      include: { pipeline: { include: { phases: { select: { key: true } } } } },
    });
    if (!project) return fail("project-not-found", "This project does not exist.");
    if (input.phase && !project.pipeline?.phases.some((p) => p.key === input.phase)) {
      return fail("invalid-input", "Some fields need fixing.", {
        phase: `The pipeline has no phase ${input.phase}.`,
      });
    }
    // One epic, by id (machines) or by its number on the board (people).
    const named = input.epicId
      ? { id: input.epicId }
      : input.epicNumber
        ? { number: input.epicNumber }
        : null;
    const epic = named
      ? await tx.epic.findFirst({ where: { ...named, projectId: project.id, deletedAt: null } })
      : null;
    if (named && !epic) {
      return fail(
        "invalid-input",
        "Some fields need fixing.",
        input.epicId
          ? { epicId: "No such epic in this project." }
          : { epicNumber: `This project has no epic #${input.epicNumber}.` },
      );
    }
    const epicId = epic?.id ?? null;
    const same = await tx.permissionRule.findFirst({
      where: { projectId: project.id, rule: input.rule, phase: input.phase, epicId },
    });
    if (same)
      return fail(
        "rule-exists",
        `${input.rule} is already a rule here (${same.behavior}): remove it first to change it.`,
        { rule: "Already a rule here" },
      );
    const rule = await tx.permissionRule.create({
      data: {
        projectId: project.id,
        rule: input.rule,
        behavior: input.behavior,
        phase: input.phase,
        epicId,
        createdById: actor.id,
        createdBy: actor.label,
      },
    });
    return {
      ok: true,
      value: { id: rule.id },
      audit: {
        action: "permission_rule.create",
        objectType: "permission_rule",
        objectId: rule.id,
        projectId: project.id,
        data: { rule: rule.rule, behavior: rule.behavior, phase: rule.phase, epicId: rule.epicId },
      },
    };
  });
}

export function removePermissionRule(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const rule = await tx.permissionRule.findUnique({ where: { id: input.id } });
    if (!rule)
      return fail("rule-not-found", "This rule does not exist (it may have been removed already).");
    await tx.permissionRule.delete({ where: { id: rule.id } });
    return {
      ok: true,
      value: { id: rule.id },
      audit: {
        action: "permission_rule.remove",
        objectType: "permission_rule",
        objectId: rule.id,
        projectId: rule.projectId,
        data: { rule: rule.rule, behavior: rule.behavior },
      },
    };
  });
}

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { findLiveEpic } from "@/lib/db/epics";
import { activeRunOf } from "@/lib/db/runs";
import { commitChange, fail } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";
import { removeWorktree } from "./worktrees";

/** Removes the epic's git worktree (its branch stays); the next run makes a new one. */
export function removeEpicWorktree(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const epic = await findLiveEpic(tx, input.id);
    if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
    if (!epic.worktreePath) return fail("no-worktree", "This epic has no worktree to remove.");
    if (await activeRunOf(tx, epic.id))
      return fail("run-in-progress", "A run is using this worktree: stop it first.");
    const project = await tx.project.findUniqueOrThrow({ where: { id: epic.projectId } });
    try {
      await removeWorktree(project.repo, epic.worktreePath);
    } catch (error) {
      return fail(
        "worktree-remove-failed",
        `Git could not remove the worktree: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await tx.epic.update({ where: { id: epic.id }, data: { worktreePath: null } });
    return {
      ok: true,
      value: { id: epic.id },
      audit: {
        action: "epic.worktree_remove",
        objectType: "epic",
        objectId: epic.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { path: epic.worktreePath, branch: epic.branch },
      },
      board: { type: "epic:updated", epicId: epic.id },
    };
  });
}

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { revokeSockets } from "@/lib/realtime/publish";
import { commitChange, fail } from "./commit-change";

/**
 * Deactivates a person (they cannot sign in, their sessions end and their sockets close) or
 * reactivates them. Nobody deactivates themselves, and the last active admin stays.
 */
export async function setUserActive(actor: Actor, input: { userId: string; active: boolean }) {
  if (!input.active && input.userId === actor.id)
    return fail("self", "You cannot deactivate yourself: ask another admin.");
  const result = await commitChange(actor, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return fail("user-not-found", "No such user.");
    if (
      !input.active &&
      user.role === "admin" &&
      (await tx.user.count({ where: { role: "admin", deactivatedAt: null } })) === 1
    )
      return fail("last-admin", "This is the only admin: make someone else admin first.");
    await tx.user.update({
      where: { id: user.id },
      data: { deactivatedAt: input.active ? null : new Date() },
    });
    const { count } = input.active
      ? { count: 0 }
      : await tx.session.deleteMany({ where: { userId: user.id } });
    return {
      ok: true,
      value: { userId: user.id, active: input.active },
      audit: {
        action: input.active ? "user.reactivate" : "user.deactivate",
        objectType: "user",
        objectId: user.id,
        data: { name: user.name, ...(input.active ? {} : { sessionsEnded: count }) },
      },
    };
  });
  if (result.ok && !input.active) revokeSockets([`user:${input.userId}`]);
  return result;
}

/** Revokes an invite link nobody has used yet: it stops working at once. */
export function revokeInvite(actor: Actor, input: { id: string }) {
  return commitChange(actor, async (tx) => {
    const invite = await tx.invite.findUnique({ where: { id: input.id } });
    if (!invite) return fail("invite-not-found", "No such invite.");
    if (invite.usedAt)
      return fail("invite-used", "This invite was used already: nothing to revoke.");
    if (invite.revokedAt) return fail("invite-revoked", "This invite was revoked already.");
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
    return {
      ok: true,
      value: { id: invite.id },
      audit: {
        action: "invite.revoke",
        objectType: "invite",
        objectId: invite.id,
        data: { role: invite.role, email: invite.email },
      },
    };
  });
}

import "server-only";
import { hashKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";

export const countUsers = () => getDb().user.count();

/** A usable invite (unused, unexpired), by its token. */
export async function findInvite(token: string) {
  const invite = await getDb().invite.findUnique({ where: { tokenHash: hashKey(token) } });
  return invite && !invite.usedAt && !invite.revokedAt && invite.expiresAt > new Date()
    ? { role: invite.role, email: invite.email }
    : null;
}

export async function listAccounts() {
  const db = getDb();
  const [users, invites, keys] = await Promise.all([
    db.user.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        createdAt: true,
        deactivatedAt: true,
        _count: { select: { sessions: true } },
      },
    }),
    db.invite.findMany({ orderBy: { createdAt: "desc" }, take: 50 }),
    db.apiKey.findMany({ where: { runId: null }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      createdAt: u.createdAt.toISOString(),
      deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
      sessions: u._count.sessions,
    })),
    invites: invites.map((i) => ({
      id: i.id,
      role: i.role,
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      usedAt: i.usedAt?.toISOString() ?? null,
      revokedAt: i.revokedAt?.toISOString() ?? null,
      usedBy: users.find((u) => u.id === i.usedById)?.name ?? null,
    })),
    keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      role: k.role,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    })),
  };
}

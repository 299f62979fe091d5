import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { dbDialect, type Tx } from "./client";

export type AuditEntry = {
  action: string;
  objectType: string;
  objectId: string;
  projectId?: string | null;
  epicId?: string | null;
  data?: Prisma.InputJsonValue;
};

/**
 * Writes one audit row inside the caller's transaction; its id is the board's change seq. On
 * PostgreSQL, ids are handed out at insert but rows appear at commit, possibly out of order: a
 * client could see seq 11 before 10 commits and then never replay 10. A per-project lock held to
 * the commit makes a board's ids appear in order (SQLite has one writer, so they always do).
 */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<number> {
  if (entry.projectId && dbDialect() === "postgres")
    await tx.$executeRawUnsafe(
      "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))",
      entry.projectId,
    );
  const row = await tx.auditLog.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      projectId: entry.projectId ?? null,
      epicId: entry.epicId ?? null,
      data: entry.data,
      ip: actor.ip ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

export async function latestBoardSeq(tx: Tx, projectId: string): Promise<number> {
  const row = await tx.auditLog.findFirst({
    where: { projectId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row?.id ?? 0;
}

export async function boardChangesAfter(tx: Tx, projectId: string, after: number, limit: number) {
  return tx.auditLog.findMany({
    where: { projectId, id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, action: true, epicId: true, actorLabel: true },
  });
}

export async function epicHistory(tx: Tx, epicId: string, take = 100) {
  return tx.auditLog.findMany({
    where: { epicId },
    orderBy: { id: "desc" },
    take,
    select: { id: true, at: true, actorLabel: true, actorType: true, action: true, data: true },
  });
}

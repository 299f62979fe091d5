import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";

export const AuditFilterSchema = z.object({
  actor: z.string().trim().max(100).optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  object: z.string().trim().max(40).optional().catch(undefined),
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** Newest first, 100 a page; `before` is the cursor (an entry's id). */
export async function listAudit(f: AuditFilter) {
  const rows = await getDb().auditLog.findMany({
    where: {
      ...(f.actor ? { actorLabel: { contains: f.actor } } : {}),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.object ? { objectType: f.object } : {}),
      ...(f.from || f.to
        ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } }
        : {}),
      ...(f.before ? { id: { lt: f.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: 101,
  });
  return { entries: rows.slice(0, 100), next: rows.length > 100 ? rows[99].id : null };
}

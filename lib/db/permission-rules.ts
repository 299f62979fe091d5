import "server-only";
import type { PermissionRule, RuleBehavior } from "@/lib/domain/permission-rules";
import type { Db, Tx } from "./client";

/** A project's tool-permission rules, oldest first. */
export async function projectRules(
  db: Db | Tx,
  projectId: string,
): Promise<(PermissionRule & { id: string; createdBy: string; createdAt: Date })[]> {
  const rows = await db.permissionRule.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r, behavior: r.behavior as RuleBehavior }));
}

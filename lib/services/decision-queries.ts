import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { listDecisions } from "@/lib/db/decisions";
import { inboxOrder } from "@/lib/domain/decisions";

export type DecisionFilter = {
  status?: "open" | "closed";
  runId?: string;
  epicId?: string;
  projectId?: string;
  source?: string;
};

/** Open ones in inbox order (escalated, deadline, urgency); closed ones newest first. */
export async function findDecisions(f: DecisionFilter) {
  const where: Prisma.DecisionWhereInput = {
    ...(f.status === "open"
      ? { status: "open" }
      : f.status === "closed"
        ? { status: { not: "open" } }
        : {}),
    ...(f.runId ? { runId: f.runId } : {}),
    ...(f.epicId ? { epicId: f.epicId } : {}),
    ...(f.projectId ? { projectId: f.projectId } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
  const rows = await listDecisions(getDb(), where, f.status === "closed" ? 100 : 500);
  return f.status === "open" ? rows.sort(inboxOrder) : rows;
}

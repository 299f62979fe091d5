import "server-only";
import { getDb } from "@/lib/db/client";

/** What the runs list of a project can be narrowed by: its phases, the agents used, who started runs. */
export async function runFilterChoices(projectId: string) {
  const db = getDb();
  const [phases, runners, starters] = await Promise.all([
    db.phase.findMany({
      where: { pipeline: { projectId } },
      orderBy: { position: "asc" },
      select: { key: true },
    }),
    db.run.findMany({ where: { projectId }, distinct: ["runner"], select: { runner: true } }),
    db.run.findMany({
      where: { projectId, startedById: { not: null } },
      distinct: ["startedById"],
      select: { startedById: true },
    }),
  ]);
  const ids = starters.flatMap((s) => (s.startedById ? [s.startedById] : []));
  const people = ids.length
    ? await db.user.findMany({
        where: { id: { in: ids } },
        orderBy: { name: "asc" },
        select: { id: true, name: true },
      })
    : [];
  return {
    phases: phases.map((p) => p.key),
    runners: runners.map((r) => r.runner).sort(),
    people,
  };
}

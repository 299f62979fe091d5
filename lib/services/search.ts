import "server-only";
import { dbDialect, getDb } from "@/lib/db/client";

import type { SearchHit } from "@/lib/schemas/search";

/**
 * One search across projects for the command palette (⌘K): epics by title or number, runs by their
 * epic, open decisions, patterns and projects — a few of each, newest first. Case-insensitive on
 * SQLite (LIKE) and PostgreSQL (ILIKE) alike.
 */
export async function searchEverything(q: string, each = 6): Promise<SearchHit[]> {
  const text = q.trim().slice(0, 100);
  if (!text) return [];
  const like = (field: string) =>
    dbDialect() === "postgres"
      ? { [field]: { contains: text, mode: "insensitive" as const } }
      : { [field]: { contains: text } };
  const number = /^#?(\d{1,7})$/.exec(text)?.[1];
  const db = getDb();
  const [projects, epics, runs, decisions, patterns] = await Promise.all([
    db.project.findMany({ where: like("name"), take: each, orderBy: { name: "asc" } }),
    db.epic.findMany({
      where: {
        deletedAt: null,
        OR: [like("title"), ...(number ? [{ number: Number(number) }] : [])],
      },
      include: { project: { select: { slug: true, name: true } } },
      orderBy: { updatedAt: "desc" },
      take: each,
    }),
    db.run.findMany({
      where: { epic: { deletedAt: null, ...like("title") } },
      include: { epic: { select: { number: true, title: true } } },
      orderBy: { createdAt: "desc" },
      take: each,
    }),
    db.decision.findMany({
      where: like("title"),
      orderBy: [{ status: "desc" }, { createdAt: "desc" }],
      take: each,
    }),
    db.pattern.findMany({ where: like("name"), orderBy: { usageCount: "desc" }, take: each }),
  ]);
  return [
    ...projects.map((p) => ({
      kind: "project" as const,
      id: p.id,
      title: p.name,
      detail: "project board",
      href: `/projects/${p.slug}/board`,
    })),
    ...epics.map((e) => ({
      kind: "epic" as const,
      id: e.id,
      title: `#${e.number} ${e.title}`,
      detail: `${e.project.name} · ${e.phase}`,
      href: `/projects/${e.project.slug}/board?epic=${e.id}`,
    })),
    ...runs.map((r) => ({
      kind: "run" as const,
      id: r.id,
      title: `${r.phase} run of #${r.epic.number} ${r.epic.title}`,
      detail: r.status,
      href: `/runs/${r.id}`,
    })),
    ...decisions.map((d) => ({
      kind: "decision" as const,
      id: d.id,
      title: d.title,
      detail: d.status === "open" ? "open decision" : `decision · ${d.status}`,
      href: `/decisions?${new URLSearchParams({ q: d.title })}`,
    })),
    ...patterns.map((p) => ({
      kind: "pattern" as const,
      id: p.id,
      title: p.name,
      detail: `pattern · used ${p.usageCount}×`,
      href: `/patterns/${p.id}`,
    })),
  ];
}

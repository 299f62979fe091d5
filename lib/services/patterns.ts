import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db/client";
import { scorePattern } from "@/lib/domain/patterns";
import type { PatternInputSchema, UpdatePatternSchema } from "@/lib/schemas/pattern";
import { commitChange, fail } from "./commit-change";

export type PatternSummary = {
  id: string;
  name: string;
  description: string;
  whenToUse: string;
  implementation: string;
  examples: string;
  commonIssues: string;
  tags: string[];
  usageCount: number;
  lastUsedAt: string | null;
  projectId: string | null;
  updatedAt: string;
};

const toSummary = (p: {
  id: string;
  name: string;
  description: string;
  whenToUse: string;
  implementation: string;
  examples: string;
  commonIssues: string;
  tags: unknown;
  usageCount: number;
  lastUsedAt: Date | null;
  projectId: string | null;
  updatedAt: Date;
}): PatternSummary => ({
  ...p,
  tags: Array.isArray(p.tags) ? (p.tags as string[]) : [],
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  updatedAt: p.updatedAt.toISOString(),
});

/** Full-text search over every field, best match first; without a query, the most used first. */
export async function searchPatterns(query: string, tag?: string): Promise<PatternSummary[]> {
  const all = (
    await getDb().pattern.findMany({ orderBy: [{ usageCount: "desc" }, { name: "asc" }] })
  ).map(toSummary);
  return all
    .filter((p) => !tag || p.tags.includes(tag))
    .map((p) => ({ p, score: scorePattern(p, query) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.p.usageCount - a.p.usageCount)
    .map((x) => x.p);
}

export async function getPattern(id: string) {
  const p = await getDb().pattern.findUnique({
    where: { id },
    include: {
      uses: {
        orderBy: { createdAt: "desc" },
        take: 20,
        include: {
          run: {
            select: { id: true, phase: true, epic: { select: { number: true, title: true } } },
          },
        },
      },
    },
  });
  return (
    p && {
      ...toSummary(p),
      uses: p.uses.map((u) => ({
        id: u.id,
        at: u.createdAt.toISOString(),
        run: u.run && {
          id: u.run.id,
          phase: u.run.phase,
          epic: `#${u.run.epic.number} ${u.run.epic.title}`,
        },
      })),
    }
  );
}

async function nameTaken(tx: Tx, name: string, exceptId?: string) {
  const other = await tx.pattern.findFirst({ where: { name }, select: { id: true } });
  return other !== null && other.id !== exceptId;
}

export function createPattern(actor: Actor, input: z.output<typeof PatternInputSchema>) {
  return commitChange(actor, async (tx) => {
    if (await nameTaken(tx, input.name))
      return fail("name-taken", "A pattern has that name already.", {
        name: "A pattern has this name already",
      });
    const p = await tx.pattern.create({ data: { ...input, projectId: input.projectId ?? null } });
    return {
      ok: true,
      value: { id: p.id },
      audit: {
        action: "pattern.create",
        objectType: "pattern",
        objectId: p.id,
        projectId: p.projectId,
        data: { name: p.name },
      },
    };
  });
}

export function updatePattern(actor: Actor, input: z.output<typeof UpdatePatternSchema>) {
  const { id, ...fields } = input;
  return commitChange(actor, async (tx) => {
    const p = await tx.pattern.findUnique({ where: { id } });
    if (!p)
      return fail("pattern-not-found", "This pattern does not exist (it may have been deleted).");
    if (await nameTaken(tx, fields.name, id))
      return fail("name-taken", "A pattern has that name already.", {
        name: "A pattern has this name already",
      });
    await tx.pattern.update({
      where: { id },
      data: { ...fields, projectId: fields.projectId ?? null },
    });
    return {
      ok: true,
      value: { id },
      audit: {
        action: "pattern.update",
        objectType: "pattern",
        objectId: id,
        projectId: p.projectId,
        data: { name: fields.name },
      },
    };
  });
}

/** Inside a run's event transaction: the patterns it says it used, counted once per run each. */
export async function recordPatternUses(
  tx: Tx,
  run: { id: string; epicId: string },
  names: string[],
) {
  for (const name of new Set(names)) {
    const p = await tx.pattern.findFirst({ where: { name } });
    if (p) await recordPatternUse(tx, run, p.id);
  }
}

/** One use of a pattern by a run, counted once per run however often it is reported. */
export async function recordPatternUse(
  tx: Tx,
  run: { id: string; epicId: string },
  patternId: string,
) {
  if (await tx.patternUse.findFirst({ where: { patternId, runId: run.id } })) return;
  await tx.patternUse.create({ data: { patternId, runId: run.id, epicId: run.epicId } });
  await tx.pattern.update({
    where: { id: patternId },
    data: { usageCount: { increment: 1 }, lastUsedAt: new Date() },
  });
}

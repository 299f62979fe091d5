import Link from "next/link";
import { ProjectPageHeader } from "@/components/layout/app-header";
import { RUN_STATUS_LABEL, RUN_STATUS_TONE, RUNNER_LABEL } from "@/components/runs/run-labels";
import { Badge } from "@/components/ui/badge";
import { requireProjectPage } from "@/lib/auth/request-actor";
import { z } from "zod";
import { listRuns, RUN_FOCUS, type RunFocus } from "@/lib/run-engine";
import { LocalTime } from "@/components/ui/local-time";
import { RunFilters } from "@/components/runs/run-filters";
import { RUN_STATUSES } from "@/lib/domain/run-status";
import { runFilterChoices } from "@/lib/services/run-filters";

export const dynamic = "force-dynamic";
export const metadata = { title: "Runs" };

const Params = z.object({
  phase: z.string().max(40).optional().catch(undefined),
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  runner: z.string().max(40).optional().catch(undefined),
  by: z.string().max(64).optional().catch(undefined),
  focus: z.enum(RUN_FOCUS).optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  cursor: z.string().max(64).optional().catch(undefined),
});

const FOCUS_LABEL: Record<RunFocus, string> = {
  coverage: "that reported test coverage",
  interventions: "where people intervened (feedback or an answered decision)",
  decisions: "that waited on a person's decision",
  patterns: "that used a pattern",
  reruns: "that re-ran a phase",
  failed: "that failed or timed out",
};

export default async function ProjectRunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const { slug } = await params;
  const { project, projects } = await requireProjectPage(slug, "board:read", "runs");
  const q = Params.parse(await searchParams);
  const choices = await runFilterChoices(project.id);
  const { runs, nextCursor } = await listRuns({
    projectId: project.id,
    phase: q.phase,
    status: q.status,
    runner: q.runner,
    startedById: q.by,
    focus: q.focus,
    epicFrom: q.from ? new Date(q.from) : undefined,
    epicTo: q.to ? new Date(`${q.to}T23:59:59Z`) : undefined,
    cursor: q.cursor,
    limit: 100,
  });
  const filtered = Boolean(q.phase || q.status || q.runner || q.by || q.focus || q.from || q.to);
  const describe = [
    q.phase && `of ${q.phase}`,
    q.status && `${RUN_STATUS_LABEL[q.status].toLowerCase()}`,
    q.runner && `with ${RUNNER_LABEL[q.runner] ?? q.runner}`,
    q.by && `started by ${choices.people.find((p) => p.id === q.by)?.name ?? "someone"}`,
    q.focus && FOCUS_LABEL[q.focus],
    (q.from || q.to) &&
      `of epics created ${q.from ? `from ${q.from}` : ""} ${q.to ? `to ${q.to}` : ""}`.trim(),
  ]
    .filter(Boolean)
    .join(", ");
  const { cursor: _cursor, ...kept } = q;
  const more =
    nextCursor &&
    `?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(kept).filter(([, v]) => v)) as Record<string, string>), cursor: nextCursor })}`;
  return (
    <>
      <ProjectPageHeader projects={projects} slug={slug} />
      <main className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="mb-1 text-xl font-semibold">Runs of {project.name}</h1>
        <RunFilters
          value={{ phase: q.phase, status: q.status, runner: q.runner, by: q.by }}
          keep={{ focus: q.focus, from: q.from, to: q.to }}
          choices={choices}
        />
        {filtered ? (
          <p className="mb-4 text-sm text-slate-600" data-testid="run-filter">
            Runs {describe}.{" "}
            <Link href={`/projects/${slug}/runs`} className="text-indigo-600 hover:underline">
              Show all runs
            </Link>
          </p>
        ) : (
          <div className="mb-4" />
        )}
        {runs.length === 0 ? (
          <p className="text-slate-500">
            {filtered ? "No runs match." : "No runs yet. Press Start on a card to run its phase."}
          </p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="project-runs">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Epic</th>
                <th>Phase</th>
                <th>Status</th>
                <th>Runner</th>
                <th className="text-right">Turns</th>
                <th className="text-right">Cost</th>
                <th className="text-right">Started</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((r) => (
                <tr key={r.id} className="hover:bg-surface">
                  <td className="py-2">
                    <Link href={`/runs/${r.id}`} className="text-indigo-600 hover:underline">
                      #{r.epicNumber} {r.epicTitle}
                    </Link>
                  </td>
                  <td>{r.phase}</td>
                  <td>
                    <Badge tone={RUN_STATUS_TONE[r.status]}>{RUN_STATUS_LABEL[r.status]}</Badge>
                  </td>
                  <td className="text-slate-600">{RUNNER_LABEL[r.runner] ?? r.runner}</td>
                  <td className="text-right tabular-nums">
                    {r.turns}/{r.maxTurns}
                  </td>
                  <td className="text-right tabular-nums">${r.costUsd.toFixed(4)}</td>
                  <td className="text-right tabular-nums text-slate-500">
                    <LocalTime iso={r.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {more && (
          <Link href={more} className="mt-4 inline-block text-sm text-indigo-600 hover:underline">
            Older runs →
          </Link>
        )}
      </main>
    </>
  );
}

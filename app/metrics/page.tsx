import Link from "next/link";
import { z } from "zod";
import { ProjectPageHeader } from "@/components/layout/app-header";
import { DaysChart, PhaseChart } from "@/components/metrics/charts";
import { LocalNumber } from "@/components/ui/local-number";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";
import { getMetrics } from "@/lib/services/metrics";
import { AgentTable } from "@/components/metrics/agent-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Metrics" };

const Params = z.object({
  project: z.string().optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
});
const fmt = (v: number | null, unit = "") => (v === null ? "—" : `${v}${unit}`);
const INPUT = "rounded-md px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300";

/** A headline figure; it links to the runs behind it. */
function Figure({
  label,
  value,
  target,
  ok,
  testid,
  href,
}: {
  label: string;
  value: string;
  target?: string;
  ok?: boolean | null;
  testid: string;
  href: string;
}) {
  return (
    <Link
      href={href}
      className="block rounded-lg bg-surface p-4 ring-1 ring-slate-200 hover:ring-indigo-300 focus-visible:ring-2 focus-visible:ring-indigo-500"
      data-testid={testid}
      title="Show the runs behind this number"
    >
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p
        className={`mt-1 text-2xl font-semibold tabular-nums ${ok === false ? "text-red-600" : ok ? "text-emerald-700" : "text-slate-900"}`}
      >
        {value}
      </p>
      {target && <p className="text-xs text-slate-500">target {target}</p>}
    </Link>
  );
}

export default async function MetricsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  await requirePageAccess("board:read", "/metrics");
  const q = Params.parse(await searchParams);
  const projects = await listProjectsForNav();
  const project = projects.find((p) => p.slug === q.project) ?? projects[0];
  if (!project) return <main className="p-8 text-slate-500">No projects yet.</main>;
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(`${q.to}T23:59:59Z`) : undefined;
  const {
    project: p,
    epics,
    days,
    agents,
  } = await getMetrics({
    projectId: project.id,
    from: from && !isNaN(+from) ? from : undefined,
    to: to && !isNaN(+to) ? to : undefined,
  });
  const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  const runsOf = (extra: Record<string, string> = {}) =>
    `/projects/${project.slug}/runs?${new URLSearchParams({ ...range, ...extra })}`;
  const csv = `/api/v1/metrics?${new URLSearchParams({ projectId: project.id, format: "csv", ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) })}`;
  return (
    <>
      <ProjectPageHeader projects={projects} slug={project.slug} />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h1 className="text-xl font-semibold">Metrics of {project.name}</h1>
          <form className="flex flex-wrap items-end gap-2">
            <select
              name="project"
              defaultValue={project.slug}
              aria-label="Project"
              className={INPUT}
            >
              {projects.map((x) => (
                <option key={x.slug} value={x.slug}>
                  {x.name}
                </option>
              ))}
            </select>
            <input
              type="date"
              name="from"
              // With no range asked for, the form shows the one used: the first run's day to today.
              defaultValue={q.from ?? days[0]?.day}
              aria-label="From"
              className={INPUT}
            />
            <input
              type="date"
              name="to"
              defaultValue={q.to ?? new Date().toISOString().slice(0, 10)}
              aria-label="To"
              className={INPUT}
            />
            <button className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white">
              Show
            </button>
            <a href={csv} className="px-2 py-1.5 text-sm text-indigo-600 underline">
              Export CSV
            </a>
          </form>
        </div>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Figure
            testid="m-lead"
            href={runsOf()}
            label="Lead time (avg)"
            value={fmt(p.leadTimeHours, " h")}
          />
          <Figure
            testid="m-waiting"
            href={runsOf({ focus: "decisions" })}
            label="Waiting on people (avg)"
            value={fmt(p.waitingHours, " h")}
          />
          <Figure
            testid="m-interventions"
            href={runsOf({ focus: "interventions" })}
            label="Interventions per epic"
            value={fmt(p.interventionsPerEpic)}
            target="< 2"
            ok={p.interventionsPerEpic === null ? null : p.interventionsPerEpic < 2}
          />
          <Figure
            testid="m-reuse"
            href={runsOf({ focus: "patterns" })}
            label="Pattern reuse"
            value={fmt(p.patternReuseRate, "%")}
            target="> 70%"
            ok={p.patternReuseRate === null ? null : p.patternReuseRate > 70}
          />
          <Figure
            testid="m-first"
            href={runsOf({ focus: "reruns" })}
            label="First-time success"
            value={fmt(p.firstTimeSuccessRate, "%")}
          />
          <Figure
            testid="m-coverage"
            href={runsOf({ focus: "coverage" })}
            label="Test coverage (avg)"
            value={fmt(p.coverage, "%")}
          />
          <Figure testid="m-cost" href={runsOf()} label="Cost" value={`$${p.costUsd.toFixed(2)}`} />
          <Figure
            testid="m-epics"
            href={runsOf()}
            label="Epics done / total"
            value={`${p.doneEpics} / ${p.epics}`}
          />
        </div>
        <section className="rounded-lg bg-surface p-4 ring-1 ring-slate-200">
          <h2 className="mb-2 text-sm font-semibold">Over time</h2>
          <DaysChart days={days} />
        </section>
        <section className="rounded-lg bg-surface p-4 ring-1 ring-slate-200">
          <h2 className="mb-2 text-sm font-semibold">Per phase</h2>
          <PhaseChart
            rows={p.phases.map((x) => ({
              phase: x.phase,
              minutes: Math.round(x.seconds / 6) / 10,
              costUsd: Math.round(x.costUsd * 100) / 100,
              turns: x.turns,
            }))}
          />
          <table className="mt-3 w-full text-left text-sm" data-testid="phase-table">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Phase</th>
                <th className="text-right">Runs</th>
                <th className="text-right">Re-runs</th>
                <th className="text-right">Minutes</th>
                <th className="text-right">Turns</th>
                <th className="text-right">Tokens</th>
                <th className="text-right">Cost</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {p.phases.map((x) => (
                <tr key={x.phase}>
                  <td className="py-1">
                    <Link
                      href={runsOf({ phase: x.phase })}
                      className="text-indigo-600 hover:underline"
                    >
                      {x.phase}
                    </Link>
                  </td>
                  <td className="text-right">{x.runs}</td>
                  <td className="text-right">
                    <Link
                      href={runsOf({ phase: x.phase, focus: "reruns" })}
                      className="hover:underline"
                    >
                      {x.reruns}
                    </Link>
                  </td>
                  <td className="text-right">{(x.seconds / 60).toFixed(1)}</td>
                  <td className="text-right">{x.turns}</td>
                  <td className="text-right">
                    <LocalNumber value={x.tokens} />
                  </td>
                  <td className="text-right">${x.costUsd.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="rounded-lg bg-surface p-4 ring-1 ring-slate-200">
          <h2 className="mb-2 text-sm font-semibold">Per phase and agent</h2>
          <AgentTable rows={agents} />
        </section>
        <section className="rounded-lg bg-surface p-4 ring-1 ring-slate-200">
          <h2 className="mb-2 text-sm font-semibold">Per epic</h2>
          <table className="w-full text-left text-sm" data-testid="epic-table">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Epic</th>
                <th className="text-right">Lead time</th>
                <th className="text-right">Waiting</th>
                <th className="text-right">Interventions</th>
                <th className="text-right">First time</th>
                <th className="text-right">Coverage</th>
                <th className="text-right">Cost</th>
                <th className="pl-6">Runs</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {epics.map((e) => (
                <tr key={e.id}>
                  <td className="py-1">
                    <Link
                      href={`/projects/${project.slug}/board?epic=${e.id}`}
                      className="text-indigo-600 hover:underline"
                    >
                      #{e.number} {e.title}
                    </Link>
                  </td>
                  <td className="text-right">{fmt(e.leadTimeHours, " h")}</td>
                  <td className="text-right">{e.waitingHours} h</td>
                  <td className="text-right">{e.interventions}</td>
                  <td className="text-right">
                    {e.phases.length ? (e.firstTimeSuccess ? "yes" : "no") : "—"}
                  </td>
                  <td className="text-right">{fmt(e.coverage, "%")}</td>
                  <td className="text-right">${e.costUsd.toFixed(4)}</td>
                  <td className="space-x-1 pl-6 text-xs">
                    {e.phases.flatMap((ph) =>
                      ph.runIds.map((id, i) => (
                        <Link
                          key={id}
                          href={`/runs/${id}`}
                          className="text-indigo-600 hover:underline"
                        >
                          {ph.phase[0]}
                          {i + 1}
                        </Link>
                      )),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </>
  );
}

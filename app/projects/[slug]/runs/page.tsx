import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";
import { RUN_STATUS_LABEL, RUN_STATUS_TONE, RUNNER_LABEL } from "@/components/runs/run-labels";
import { Badge } from "@/components/ui/badge";
import { requireProjectPage } from "@/lib/auth/request-actor";
import { listProjectRuns } from "@/lib/services/run-queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Runs" };

export default async function ProjectRunsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, projects } = await requireProjectPage(slug, "board:read", "runs");
  const runs = await listProjectRuns(project.id);
  return (
    <>
      <AppHeader projects={projects} current={slug}>
        <Link href={`/projects/${slug}/board`} className="text-sm text-slate-600 hover:text-slate-900">
          Board
        </Link>
      </AppHeader>
      <main className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="mb-4 text-xl font-semibold">Runs of {project.name}</h1>
        {runs.length === 0 ? (
          <p className="text-slate-500">No runs yet. Press Start on a card to run its phase.</p>
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
                <tr key={r.id} className="hover:bg-white">
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
                  <td className="text-right tabular-nums text-slate-500">{new Date(r.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectPageHeader } from "@/components/layout/app-header";
import { TrialCompare } from "@/components/trials/trial-compare";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { can } from "@/lib/domain/permissions";
import { listProjectsForNav } from "@/lib/services/board";
import { getTrial } from "@/lib/services/trials";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare agents" };

export default async function TrialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageAccess("board:read", `/trials/${id}`);
  const [trial, projects] = await Promise.all([getTrial(id), listProjectsForNav()]);
  if (!trial) notFound();
  return (
    <>
      <ProjectPageHeader projects={projects} slug={trial.project.slug} />
      <main className="mx-auto max-w-6xl px-4 py-8">
        <Link
          href={`/projects/${trial.project.slug}/board?epic=${trial.epic.id}`}
          className="text-sm text-slate-500 hover:text-slate-900"
        >
          #{trial.epic.number} {trial.epic.title}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">
          {trial.phase}, tried by {trial.tries.length} agents
        </h1>
        <div className="mt-4">
          <TrialCompare
            initial={trial}
            canChoose={actor.role !== null && can(actor.role, "run:start")}
          />
        </div>
      </main>
    </>
  );
}

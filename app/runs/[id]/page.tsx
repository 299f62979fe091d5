import { notFound } from "next/navigation";
import { ProjectPageHeader } from "@/components/layout/app-header";
import { RunView } from "@/components/runs/run-view";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";
import { getRunDetail } from "@/lib/run-engine";

export const dynamic = "force-dynamic";
export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageAccess("board:read", `/runs/${id}`);
  const [detail, projects] = await Promise.all([getRunDetail(id), listProjectsForNav()]);
  if (!detail) notFound();
  const { epic, project, files, feedback, ...run } = detail;
  return (
    <>
      <ProjectPageHeader projects={projects} slug={project.slug} />
      <RunView run={run} epic={epic} projectSlug={project.slug} files={files} feedback={feedback} />
    </>
  );
}

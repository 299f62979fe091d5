import Link from "next/link";
import { notFound } from "next/navigation";
import { AppHeader } from "@/components/layout/app-header";
import { PipelineEditor } from "@/components/pipelines/pipeline-editor";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { pipelineToYaml } from "@/lib/schemas/pipeline-yaml";
import { getProjectForEdit, listProjectsForNav } from "@/lib/services/board";
import { getPipelineSpec } from "@/lib/services/pipelines";

export const dynamic = "force-dynamic";
export const metadata = { title: "Pipeline" };

export default async function PipelinePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePageAccess("board:read", `/projects/${slug}/pipeline`);
  const project = await getProjectForEdit(slug);
  if (!project) notFound();
  const [spec, projects] = await Promise.all([getPipelineSpec(project.id), listProjectsForNav()]);
  if (!spec) notFound();
  return (
    <>
      <AppHeader projects={projects} current={slug}>
        <Link href={`/projects/${slug}/board`} className="text-sm text-slate-600 hover:text-slate-900">
          Board
        </Link>
      </AppHeader>
      <main className="mx-auto max-w-7xl px-4 py-8">
        <h1 className="mb-1 text-xl font-semibold">Pipeline of {project.name}</h1>
        <p className="mb-4 text-sm text-slate-600">The phases every epic moves through, as pipeline.yaml.</p>
        <PipelineEditor projectId={project.id} slug={slug} initialYaml={pipelineToYaml(spec)} />
      </main>
    </>
  );
}

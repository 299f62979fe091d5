import { notFound } from "next/navigation";
import { ProjectPageHeader } from "@/components/layout/app-header";
import { PipelineEditor } from "@/components/pipelines/pipeline-editor";
import { requireProjectPage } from "@/lib/auth/request-actor";
import { pipelineToYaml } from "@/lib/schemas/pipeline-yaml";
import { getPipelineSpec } from "@/lib/services/pipelines";

export const dynamic = "force-dynamic";
export const metadata = { title: "Pipeline" };

export default async function PipelinePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, projects } = await requireProjectPage(slug, "board:read", "pipeline");
  const spec = await getPipelineSpec(project.id);
  if (!spec) notFound();
  return (
    <>
      <ProjectPageHeader projects={projects} slug={slug} />
      <main className="mx-auto max-w-7xl px-4 py-8">
        <h1 className="mb-1 text-xl font-semibold">Pipeline of {project.name}</h1>
        <p className="mb-4 text-sm text-slate-600">
          The phases every epic moves through, as pipeline.yaml.
        </p>
        <PipelineEditor projectId={project.id} slug={slug} initialYaml={pipelineToYaml(spec)} />
      </main>
    </>
  );
}

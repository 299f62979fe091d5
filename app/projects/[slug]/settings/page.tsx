import { ProjectPageHeader } from "@/components/layout/app-header";
import { ProjectForm } from "@/components/projects/project-form";
import { requireProjectPage } from "@/lib/auth/request-actor";
import { WebhooksPanel } from "@/components/projects/webhooks-panel";
import { AutomagikPanel } from "@/components/projects/automagik-panel";
import { PermissionRulesPanel } from "@/components/projects/permission-rules-panel";
import { listPermissionRules } from "@/lib/services/permission-rules";
import { getPipelineSpec } from "@/lib/services/pipelines";
import { listWebhooks } from "@/lib/services/webhooks";
import { VariablesPanel } from "@/components/projects/variables-panel";
import { getProjectSettings } from "@/lib/services/project-settings";
import { ForgePanel } from "@/components/projects/forge-panel";
import { forgeSettingsOf } from "@/lib/services/forge";

export const metadata = { title: "Project settings" };
export const dynamic = "force-dynamic";

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { project, projects } = await requireProjectPage(slug, "project:update", "settings");
  return (
    <>
      <ProjectPageHeader projects={projects} slug={slug} back="← Back to board" />
      <main className="mx-auto max-w-xl px-4 py-10">
        <h1 className="mb-6 text-xl font-semibold">Project settings</h1>
        <ProjectForm
          project={{
            id: project.id,
            name: project.name,
            slug: project.slug,
            repo: project.repo,
            defaultBranch: project.defaultBranch,
            description: project.description,
          }}
        />
        <PermissionRulesPanel
          projectId={project.id}
          rules={(await listPermissionRules(project.id)).map((r) => ({
            id: r.id,
            rule: r.rule,
            behavior: r.behavior,
            phase: r.phase,
            epicId: r.epicId,
            createdBy: r.createdBy,
          }))}
          phases={((await getPipelineSpec(project.id))?.phases ?? []).map((p) => p.key)}
          developersAnswerApprovals={project.developersAnswerApprovals}
        />
        <VariablesPanel
          projectId={project.id}
          variables={(await getProjectSettings(project.id))?.variables ?? []}
        />
        <WebhooksPanel projectId={project.id} hooks={await listWebhooks(project.id)} />
        <ForgePanel projectId={project.id} settings={(await forgeSettingsOf(project.id))!} />
        <AutomagikPanel
          projectId={project.id}
          url={project.automagikUrl}
          keySet={project.automagikKey !== null}
        />
      </main>
    </>
  );
}

import { AppHeader } from "@/components/layout/app-header";
import { ProjectForm } from "@/components/projects/project-form";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";

export const metadata = { title: "New project" };
export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  await requirePageAccess("project:create", "/projects/new");
  const projects = await listProjectsForNav();
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-xl px-4 py-10">
        <h1 className="mb-6 text-xl font-semibold">New project</h1>
        <ProjectForm />
      </main>
    </>
  );
}

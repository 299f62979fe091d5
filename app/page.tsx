import Link from "next/link";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";

export default async function Home() {
  await requirePageAccess("board:read");
  const projects = await listProjectsForNav();
  if (projects[0]) redirect(`/projects/${projects[0].slug}/board`);
  return (
    <>
      <AppHeader projects={[]} />
      <main className="mx-auto max-w-lg px-4 py-24 text-center">
        <h1 className="text-xl font-semibold">No projects yet</h1>
        <p className="mt-2 text-slate-600">
          A project is a repository the agents work on. Create one to get its board.
        </p>
        <Link
          href="/projects/new"
          className="mt-6 inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-hover"
        >
          Create a project
        </Link>
      </main>
    </>
  );
}

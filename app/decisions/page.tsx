import { DecisionInbox } from "@/components/decisions/decision-inbox";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "Decisions" };

export default async function DecisionsPage() {
  await requirePageAccess("board:read", "/decisions");
  const projects = await listProjectsForNav();
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-3xl px-3 py-6 sm:px-4">
        <h1 className="mb-4 text-xl font-semibold">Decisions</h1>
        <DecisionInbox projects={projects} />
      </main>
    </>
  );
}

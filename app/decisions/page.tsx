import { DecisionInbox } from "@/components/decisions/decision-inbox";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { getEpicDetail, listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "Decisions" };

export default async function DecisionsPage({
  searchParams,
}: {
  searchParams: Promise<{ epic?: string; q?: string }>;
}) {
  await requirePageAccess("board:read", "/decisions");
  const { epic: epicId, q } = await searchParams;
  const [projects, epic] = await Promise.all([
    listProjectsForNav(),
    epicId ? getEpicDetail(epicId) : null,
  ]);
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-3xl px-3 py-6 sm:px-4">
        <h1 className="mb-4 text-xl font-semibold">Decisions</h1>
        <DecisionInbox
          projects={projects}
          epic={epic && { id: epic.id, number: epic.number, title: epic.title }}
          q={typeof q === "string" ? q.slice(0, 200) : ""}
        />
      </main>
    </>
  );
}

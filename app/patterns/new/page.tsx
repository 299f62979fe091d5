import { AppHeader } from "@/components/layout/app-header";
import { PatternForm } from "@/components/patterns/pattern-form";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "New pattern" };

export default async function NewPatternPage() {
  await requirePageAccess("pattern:write", "/patterns/new");
  return (
    <>
      <AppHeader projects={await listProjectsForNav()} />
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="mb-6 text-xl font-semibold">New pattern</h1>
        <PatternForm />
      </main>
    </>
  );
}

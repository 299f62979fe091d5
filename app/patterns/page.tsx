import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";
import { PatternSearch } from "@/components/patterns/pattern-search";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { can } from "@/lib/domain/permissions";
import { listProjectsForNav } from "@/lib/services/board";
import { searchPatterns } from "@/lib/services/patterns";
import { LocalTime } from "@/components/ui/local-time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Patterns" };

export default async function PatternsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; tag?: string }>;
}) {
  const actor = await requirePageAccess("board:read", "/patterns");
  const { q = "", tag = "" } = await searchParams;
  const [patterns, everything, projects] = await Promise.all([
    searchPatterns(q.slice(0, 200), tag || undefined),
    searchPatterns(""),
    listProjectsForNav(),
  ]);
  const tags = [...new Set(everything.flatMap((p) => p.tags))].sort();
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-4xl px-4 py-8">
        <div className="mb-4 flex items-center justify-between">
          <h1 className="text-xl font-semibold">Pattern library</h1>
          {actor.role && can(actor.role, "pattern:write") && (
            <Link
              href="/patterns/new"
              className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent-hover"
            >
              New pattern
            </Link>
          )}
        </div>
        <PatternSearch q={q} tag={tag} tags={tags} />
        <ul className="mt-4 space-y-2" data-testid="patterns">
          {patterns.length === 0 && (
            <li className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">
              {everything.length
                ? "Nothing matches."
                : "No patterns yet. Add the first: a way of building things you want every epic to reuse."}
            </li>
          )}
          {patterns.map((p) => (
            <li key={p.id}>
              <Link
                href={`/patterns/${p.id}`}
                className="block rounded-lg bg-surface p-4 ring-1 ring-slate-200 hover:ring-indigo-300"
                data-testid="pattern"
              >
                <div className="flex items-baseline justify-between gap-2">
                  <span className="font-medium">{p.name}</span>
                  <span className="text-xs text-slate-500">
                    used {p.usageCount}×{" "}
                    {p.lastUsedAt && (
                      <>
                        · last <LocalTime iso={p.lastUsedAt} format="date" />
                      </>
                    )}
                  </span>
                </div>
                {p.description && <p className="mt-1 text-sm text-slate-600">{p.description}</p>}
                <div className="mt-2 flex flex-wrap gap-1">
                  {p.tags.map((t) => (
                    <span
                      key={t}
                      className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600"
                    >
                      {t}
                    </span>
                  ))}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}

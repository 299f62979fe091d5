import "highlight.js/styles/github.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { AppHeader } from "@/components/layout/app-header";
import { PatternForm } from "@/components/patterns/pattern-form";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { can } from "@/lib/domain/permissions";
import { listProjectsForNav } from "@/lib/services/board";
import { getPattern } from "@/lib/services/patterns";
import { LocalTime } from "@/components/ui/local-time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Pattern" };

const SECTIONS = [
  ["whenToUse", "When to use"],
  ["implementation", "Implementation"],
  ["examples", "Examples in the codebase"],
  ["commonIssues", "Common issues and fixes"],
] as const;

export default async function PatternPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ edit?: string }>;
}) {
  const { id } = await params;
  const actor = await requirePageAccess("board:read", `/patterns/${id}`);
  const [pattern, projects] = await Promise.all([getPattern(id), listProjectsForNav()]);
  if (!pattern) notFound();
  const editing =
    (await searchParams).edit === "1" && actor.role && can(actor.role, "pattern:write");
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-3xl px-4 py-8">
        <Link href="/patterns" className="text-sm text-slate-500 hover:text-slate-900">
          ← Pattern library
        </Link>
        {editing ? (
          <div className="mt-4">
            <PatternForm pattern={pattern} />
          </div>
        ) : (
          <article className="mt-4 space-y-6">
            <header className="flex items-start justify-between gap-4">
              <div>
                <h1 className="text-xl font-semibold">{pattern.name}</h1>
                {pattern.description && (
                  <p className="mt-1 text-slate-600">{pattern.description}</p>
                )}
                <p className="mt-1 text-xs text-slate-500">
                  used {pattern.usageCount}× · {pattern.tags.join(", ") || "no tags"}
                </p>
              </div>
              {actor.role && can(actor.role, "pattern:write") && (
                <Link
                  href="?edit=1"
                  className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50"
                >
                  Edit
                </Link>
              )}
            </header>
            {SECTIONS.filter(([k]) => pattern[k]).map(([k, label]) => (
              <section key={k}>
                <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {label}
                </h2>
                <div className="markdown text-sm">
                  <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeHighlight]}>
                    {pattern[k]}
                  </ReactMarkdown>
                </div>
              </section>
            ))}
            <section>
              <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Used by
              </h2>
              {pattern.uses.length === 0 ? (
                <p className="text-sm text-slate-500">
                  No run has used it yet. A run reports a pattern with a line{" "}
                  <code>PATTERN {pattern.name}</code>.
                </p>
              ) : (
                <ul className="text-sm" data-testid="pattern-uses">
                  {pattern.uses.map((u) => (
                    <li key={u.id}>
                      {u.run ? (
                        <Link
                          className="text-indigo-600 hover:underline"
                          href={`/runs/${u.run.id}`}
                        >
                          {u.run.epic} · {u.run.phase}
                        </Link>
                      ) : (
                        "a run since deleted"
                      )}{" "}
                      <span className="text-xs text-slate-500">
                        <LocalTime iso={u.at} />
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </article>
        )}
      </main>
    </>
  );
}

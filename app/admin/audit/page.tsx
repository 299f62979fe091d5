import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { AuditFilterSchema, listAudit } from "@/lib/services/audit-queries";
import { listProjectsForNav } from "@/lib/services/board";
import { LocalTime } from "@/components/ui/local-time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

const INPUT = "rounded-md px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  await requirePageAccess("audit:read", "/admin/audit");
  const raw = await searchParams;
  const filter = AuditFilterSchema.parse(raw);
  const [{ entries, next }, projects] = await Promise.all([
    listAudit(filter),
    listProjectsForNav(),
  ]);
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="mb-4 text-xl font-semibold">Audit log</h1>
        <form className="mb-4 flex flex-wrap items-end gap-2" role="search">
          <input
            name="actor"
            defaultValue={raw.actor}
            placeholder="Who (name or key)"
            aria-label="Who"
            className={INPUT}
          />
          <input
            name="action"
            defaultValue={raw.action}
            placeholder="Action, e.g. epic. or run.start"
            aria-label="Action"
            className={INPUT}
          />
          <select
            name="object"
            defaultValue={raw.object ?? ""}
            aria-label="Object"
            className={INPUT}
          >
            <option value="">Any object</option>
            {["project", "epic", "todo", "run", "user", "invite", "api_key"].map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          <input
            type="date"
            name="from"
            defaultValue={raw.from}
            aria-label="From"
            className={INPUT}
          />
          <input type="date" name="to" defaultValue={raw.to} aria-label="To" className={INPUT} />
          <button className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white">
            Filter
          </button>
        </form>
        {entries.length === 0 ? (
          <p className="text-slate-500">Nothing matches.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="audit">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">When</th>
                <th>Who</th>
                <th>Did</th>
                <th>To</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="py-1.5 tabular-nums text-slate-500">
                    <LocalTime iso={e.at} />
                  </td>
                  <td>
                    {e.actorLabel} <span className="text-xs text-slate-500">{e.actorType}</span>
                  </td>
                  <td className="font-mono text-xs">{e.action}</td>
                  <td className="text-xs text-slate-600">
                    {e.objectType} {e.objectId.slice(0, 10)}
                  </td>
                  <td className="text-xs text-slate-500">{e.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <Link
            className="mt-4 inline-block text-sm text-indigo-600 underline"
            href={`?${new URLSearchParams({ ...raw, before: String(next) })}`}
          >
            Older entries
          </Link>
        )}
      </main>
    </>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useCan } from "@/components/layout/permissions";

type Project = { slug: string; name: string };

export function ProjectSwitcher({ projects, current }: { projects: Project[]; current?: string }) {
  const router = useRouter();
  const canCreate = useCan("project:create");
  return (
    <select
      aria-label="Project"
      value={current ?? ""}
      onChange={(e) =>
        router.push(
          e.target.value === "__new" ? "/projects/new" : `/projects/${e.target.value}/board`,
        )
      }
      className="max-w-[11rem] rounded-md sm:max-w-[16rem] border-0 bg-transparent py-1 pl-2 pr-7 text-sm font-medium text-slate-800 ring-1 ring-inset ring-transparent hover:ring-slate-300 focus:ring-2 focus:ring-indigo-600"
    >
      {current === undefined && <option value="">Choose a project…</option>}
      {projects.map((p) => (
        <option key={p.slug} value={p.slug}>
          {p.name}
        </option>
      ))}
      {canCreate && <option value="__new">+ New project…</option>}
    </select>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { ProjectSwitcher } from "@/components/projects/project-switcher";
import { UserMenu } from "./user-menu";

type Project = { slug: string; name: string };

export function AppHeader({
  projects,
  current,
  children,
}: {
  projects: Project[];
  current?: string;
  children?: ReactNode;
}) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-surface/95 backdrop-blur">
      <div className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 sm:px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <img src="/icon.svg" alt="" width={22} height={22} />
          Hiveboard
        </Link>
        <span className="text-slate-300" aria-hidden>
          /
        </span>
        <ProjectSwitcher projects={projects} current={current} />
        <div className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          {children ??
            (current === undefined && (
              <Link href="/" className="text-slate-600 hover:text-slate-900">
                Board
              </Link>
            ))}
          <UserMenu />
        </div>
      </div>
    </header>
  );
}

/** The header of a project's pages other than its board: the same header, with the way back to the board. */
export function ProjectPageHeader({
  projects,
  slug,
  back = "Board",
}: {
  projects: Project[];
  slug: string;
  back?: string;
}) {
  return (
    <AppHeader projects={projects} current={slug}>
      <Link
        href={`/projects/${slug}/board`}
        className="text-sm text-slate-600 hover:text-slate-900"
      >
        {back}
      </Link>
    </AppHeader>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BoardClient } from "@/components/board/board-client";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { can } from "@/lib/domain/permissions";
import { getBoard, listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: `Board · ${(await params).slug}` };
}

export default async function BoardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageAccess("board:read", `/projects/${slug}/board`);
  const [board, projects] = await Promise.all([getBoard(slug), listProjectsForNav()]);
  if (!board) notFound();
  return (
    <>
      <AppHeader projects={projects} current={slug}>
        <Link
          href={`/projects/${slug}/runs`}
          className="text-sm text-slate-600 hover:text-slate-900"
        >
          Runs
        </Link>
        <Link
          href={`/projects/${slug}/pipeline`}
          className="text-sm text-slate-600 hover:text-slate-900"
        >
          Pipeline
        </Link>
        {actor.role && can(actor.role, "project:update") && (
          <Link
            href={`/projects/${slug}/settings`}
            className="text-sm text-slate-600 hover:text-slate-900"
          >
            Settings
          </Link>
        )}
      </AppHeader>
      <Suspense>
        <BoardClient initialBoard={board} />
      </Suspense>
    </>
  );
}

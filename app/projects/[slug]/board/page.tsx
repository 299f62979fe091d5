import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BoardClient } from "@/components/board/board-client";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { can } from "@/lib/domain/permissions";
import { demoStandsIn } from "@/lib/services/agents";
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
  const demo = await demoStandsIn(board.project.id);
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
      {demo && (
        <p
          role="note"
          data-testid="demo-notice"
          className="border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-900"
        >
          Runs here use the bundled <strong>demo agent</strong>: Claude Code is not installed on
          this server. Install it (<code>npm install -g @anthropic-ai/claude-code</code>, then log
          it in) or set <code>CLAUDE_CODE_PATH</code>, and new runs use it.
        </p>
      )}
      <Suspense>
        <BoardClient initialBoard={board} />
      </Suspense>
    </>
  );
}

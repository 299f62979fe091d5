import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BoardClient } from "@/components/board/board-client";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { can } from "@/lib/domain/permissions";
import { demoRunsOf } from "@/lib/services/agents";
import { firstRunChecklist } from "@/lib/services/first-run";
import { FirstRunChecklist } from "@/components/board/first-run-checklist";
import { cookies } from "next/headers";
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
  const [demo, checklist] = await Promise.all([
    demoRunsOf(board.project.id),
    (await cookies()).get("hb-checklist")?.value === "dismissed"
      ? null
      : firstRunChecklist(board.project.id, actor),
  ]);
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
          className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-900"
        >
          <strong className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ring-1 ring-amber-200">
            Demo agent — simulated runs
          </strong>
          {demo === "chosen" ? (
            <span>
              This project’s pipeline uses the bundled demo agent: its runs are scripted, write no
              code and cost nothing.{" "}
              <Link href={`/projects/${slug}/pipeline`} className="underline">
                Choose a real agent per phase
              </Link>
              .
            </span>
          ) : (
            <span>
              Claude Code is not installed on this server, so the demo agent stands in. Install it (
              <code>npm install -g @anthropic-ai/claude-code</code>, then log it in) or set{" "}
              <code>CLAUDE_CODE_PATH</code>, and new runs use it.
            </span>
          )}
        </p>
      )}
      {checklist && <FirstRunChecklist steps={checklist} />}
      <Suspense>
        <BoardClient initialBoard={board} />
      </Suspense>
    </>
  );
}

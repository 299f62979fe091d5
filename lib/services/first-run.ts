import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { ChecklistStep } from "@/lib/domain/checklist";
import { can } from "@/lib/domain/permissions";

/**
 * The first steps of a new install, each ticked from what has really happened in this project
 * (a run started, a decision answered, someone invited): shown on the board until all are done or
 * the person hides it. Steps a role cannot take are left out.
 */
export async function firstRunChecklist(
  projectId: string,
  actor: Actor,
): Promise<ChecklistStep[] | null> {
  if (!actor.role) return null;
  const db = getDb();
  const [runs, answered, people, invites] = await Promise.all([
    db.run.count({ where: { projectId } }),
    db.decision.count({ where: { projectId, status: "answered" } }),
    db.user.count(),
    db.invite.count(),
  ]);
  const steps: ChecklistStep[] = [
    {
      key: "demo",
      title: "Meet the demo agent",
      detail:
        "It plays a coding agent with no credentials: reads, edits, asks for approvals and decisions. Runs marked “demo” are simulated.",
      done: runs > 0,
      href: "/help#demo-agent",
    },
  ];
  if (can(actor.role, "run:start"))
    steps.push({
      key: "run",
      title: "Start a run",
      detail: "Press ▶ Start on a card, then Watch: the agent works turn by turn, live.",
      done: runs > 0,
    });
  if (can(actor.role, "approval:answer") || can(actor.role, "decision:answer"))
    steps.push({
      key: "decision",
      title: "Answer a decision",
      detail: "The run stops at DECISION NEEDED: pick an option and it goes on.",
      done: answered > 0,
      href: "/decisions",
    });
  if (can(actor.role, "admin:users"))
    steps.push({
      key: "invite",
      title: "Invite your team",
      detail: "One link per person, with their role: manager, developer, approver or viewer.",
      done: people > 1 || invites > 0,
      href: "/admin",
    });
  return steps.every((s) => s.done) ? null : steps;
}

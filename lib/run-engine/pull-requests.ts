import "server-only";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { activeRunOf, latestRunOf } from "@/lib/db/runs";
import { prFeedback } from "@/lib/domain/forge";
import type { ActionResult } from "@/lib/schemas/common";
import type { PullRequestView } from "@/lib/schemas/forge";
import { fail } from "@/lib/services/commit-change";
import { getPullRequest, openPullRequest } from "@/lib/services/forge";
import { markPrItemsSent, readPullRequest } from "@/lib/services/pull-request-sync";
import { headOf } from "@/lib/services/run-diff";
import { sendFeedback } from "./commands";

// Pull requests followed: a failed check or a reviewer's requested changes go back to the agent
// as one follow-up run (at most MAX_PR_FIX_RUNS per pull request), and what a run then committed
// is pushed to the pull request once no run is working on the branch.

export const MAX_PR_FIX_RUNS = 3;

export type Followed = PullRequestView & { sentTo: string | null; note: string | null };

export async function followPullRequest(
  epicId: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<ActionResult<Followed>> {
  const db = getDb();
  const epic = await db.epic.findFirst({ where: { id: epicId, deletedAt: null } });
  if (!epic) return fail("epic-not-found", "No epic with that id.");
  const pr = await db.pullRequest.findUnique({ where: { epicId } });
  if (!pr) return fail("no-pull-request", "This epic has no pull request: open one first.");
  const busy = await activeRunOf(db, epicId);
  // New work on the branch since the last push reaches the pull request first.
  if (!busy && pr.state === "open" && epic.worktreePath) {
    const head = await headOf(epic.worktreePath);
    if (head && head !== pr.headSha) {
      const pushed = await openPullRequest(actor, { epicId });
      if (!pushed.ok) return pushed;
    }
  }
  const read = await readPullRequest(epicId);
  if (!read.ok) return fail("forge-refused", read.message);
  const r = read.read;
  let sentTo: string | null = null;
  let note: string | null = null;
  if (r.state === "open" && r.fresh.length && !busy) {
    if (r.fixRuns >= MAX_PR_FIX_RUNS)
      note = `${r.fresh.length} item(s) need work, but ${MAX_PR_FIX_RUNS} follow-up runs have been used on this pull request: a person takes it from here.`;
    else {
      const last = await latestRunOf(db, epicId);
      if (
        last &&
        (await markPrItemsSent(
          r,
          r.fresh.map((f) => f.key),
        ))
      ) {
        const sent = await sendFeedback(
          { ...SYSTEM_ACTOR, label: `Pull request #${r.number}` },
          {
            runId: last.id,
            message: prFeedback(r.number, r.fresh).slice(0, 4000),
            mode: "send",
            clientKey: `pr-${r.id}-${r.fixRuns + 1}`,
          },
        );
        if (sent.ok) sentTo = sent.data.runId;
        else note = `The follow-up run did not start: ${sent.message}`;
      }
    }
  }
  const view = (await getPullRequest(epicId))!;
  return { ok: true, data: { ...view, sentTo, note } };
}

/** The node's duty: every open pull request read, and followed. */
export async function followOpenPullRequests(): Promise<number> {
  const open = await getDb().pullRequest.findMany({
    where: { state: "open" },
    select: { epicId: true },
    take: 200,
  });
  for (const { epicId } of open) {
    const r = await followPullRequest(epicId);
    if (!r.ok) console.warn(`pull request of ${epicId}: ${r.message}`);
  }
  return open.length;
}

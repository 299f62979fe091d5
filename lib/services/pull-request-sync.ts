import "server-only";
import { getDb } from "@/lib/db/client";
import {
  changeRequests,
  pullState,
  readChecks,
  type CheckRun,
  type CommitStatus,
  type Failure,
  type ForgePull,
  type ForgeReview,
} from "@/lib/domain/forge";
import { forgeCall, forgeOf } from "./forge";

// A pull request read back from its forge: its state, its head commit's checks (GitHub check runs
// and commit statuses; Gitea statuses), and the reviews asking for changes. What failed and was
// not yet sent to the agent comes back as `fresh`; the run engine decides what to do with it.

export type PullRequestRead = {
  id: string;
  epicId: string;
  number: number;
  state: string;
  fixRuns: number;
  fresh: Failure[];
};

export async function readPullRequest(
  epicId: string,
): Promise<{ ok: true; read: PullRequestRead } | { ok: false; message: string }> {
  const db = getDb();
  const row = await db.pullRequest.findUnique({ where: { epicId } });
  if (!row) return { ok: false, message: "This epic has no pull request." };
  const found = await forgeOf(row.projectId);
  if (!found.ok) return found;
  const a = found.access;
  const base = `/repos/${a.repo}`;
  const pull = await forgeCall<ForgePull>(a, "GET", `${base}/pulls/${row.number}`);
  if (!pull.ok) return pull;
  const sha = pull.data.head?.sha ?? row.headSha ?? "";
  const [runs, status, reviews] = await Promise.all([
    a.forge === "github"
      ? forgeCall<{ check_runs: CheckRun[] }>(a, "GET", `${base}/commits/${sha}/check-runs`)
      : Promise.resolve({ ok: true as const, status: 200, data: { check_runs: [] } }),
    forgeCall<{ statuses: CommitStatus[] }>(a, "GET", `${base}/commits/${sha}/status`),
    forgeCall<ForgeReview[]>(a, "GET", `${base}/pulls/${row.number}/reviews`),
  ]);
  for (const r of [runs, status, reviews]) if (!r.ok) return r;
  const checks = readChecks(
    runs.ok ? runs.data.check_runs : [],
    status.ok ? (status.data.statuses ?? []) : [],
  );
  const handled = new Set((row.handled as string[] | null) ?? []);
  const fresh = [...checks.failures, ...changeRequests(reviews.ok ? reviews.data : [])].filter(
    (f) => !handled.has(f.key),
  );
  const state = pullState(pull.data);
  await db.pullRequest.update({
    where: { id: row.id },
    data: { state, headSha: sha || row.headSha, checks: checks.summary, syncedAt: new Date() },
  });
  return {
    ok: true,
    read: { id: row.id, epicId, number: row.number, state, fixRuns: row.fixRuns, fresh },
  };
}

/** Marks items as sent to the agent (one more follow-up used), once: false if another node did. */
export async function markPrItemsSent(read: PullRequestRead, keys: string[]): Promise<boolean> {
  const db = getDb();
  const row = await db.pullRequest.findUniqueOrThrow({ where: { id: read.id } });
  const handled = [...new Set([...((row.handled as string[] | null) ?? []), ...keys])];
  const r = await db.pullRequest.updateMany({
    where: { id: read.id, fixRuns: read.fixRuns },
    data: { handled, fixRuns: read.fixRuns + 1 },
  });
  return r.count === 1;
}

// Pure: the forges Hiveboard opens pull requests on. GitHub's REST API and Gitea's (Forgejo's is
// the same) share the shapes of pull requests, reviews and combined commit statuses; GitHub adds
// check runs. This module reads their answers into one summary and writes what goes back to the
// agent: failed checks and requested changes, each once.

export const FORGES = ["github", "gitea"] as const;
export type Forge = (typeof FORGES)[number];

export const DEFAULT_API: Record<Forge, string | null> = {
  github: "https://api.github.com",
  gitea: null,
};

/** How the token is sent: GitHub takes a bearer token, Gitea "token <t>". */
export function forgeHeaders(forge: Forge, token: string): Record<string, string> {
  return forge === "github"
    ? {
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
        authorization: `Bearer ${token}`,
      }
    : { accept: "application/json", authorization: `token ${token}` };
}

/** "ghp_…wxyz": enough to recognise a token, never enough to use it. */
export const maskToken = (token: string) =>
  token.length <= 8 ? "••••" : `${token.slice(0, 4)}…${token.slice(-4)}`;

export type ForgePull = {
  number: number;
  html_url: string;
  state: string;
  merged?: boolean;
  merged_at?: string | null;
  head?: { sha?: string; ref?: string };
};

export const pullState = (p: ForgePull): "open" | "closed" | "merged" =>
  p.merged || p.merged_at ? "merged" : p.state === "open" ? "open" : "closed";

export type CheckRun = {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  html_url?: string | null;
  output?: { title?: string | null; summary?: string | null } | null;
};
/** GitHub calls it `state`, Gitea `status`. */
export type CommitStatus = {
  id: number;
  context: string;
  state?: string;
  status?: string;
  description?: string | null;
  target_url?: string | null;
};
export type ForgeReview = {
  id: number;
  state: string;
  body?: string | null;
  user?: { login?: string } | null;
};

export type Failure = { key: string; name: string; detail: string; url: string | null };
export type ChecksSummary = {
  state: "success" | "failure" | "pending" | "none";
  total: number;
  failed: string[];
};

const FAILED_CONCLUSIONS = ["failure", "timed_out", "cancelled", "action_required"];

/** Check runs and statuses of the head commit, read as one: what failed, what is still going. */
export function readChecks(
  checkRuns: CheckRun[],
  statuses: CommitStatus[],
): { summary: ChecksSummary; failures: Failure[] } {
  const failures: Failure[] = [];
  let pending = 0;
  for (const c of checkRuns) {
    if (c.status !== "completed") pending += 1;
    else if (c.conclusion && FAILED_CONCLUSIONS.includes(c.conclusion))
      failures.push({
        key: `check:${c.id}`,
        name: c.name,
        detail: [c.output?.title, c.output?.summary].filter(Boolean).join(": ") || c.conclusion,
        url: c.html_url ?? null,
      });
  }
  // A context reported several times counts once: its newest report (forges list newest first).
  const seen = new Set<string>();
  for (const s of statuses) {
    if (seen.has(s.context)) continue;
    seen.add(s.context);
    const state = s.state ?? s.status ?? "";
    if (state === "pending") pending += 1;
    else if (state === "failure" || state === "error")
      failures.push({
        key: `status:${s.id}`,
        name: s.context,
        detail: s.description || state,
        url: s.target_url ?? null,
      });
  }
  const total = checkRuns.length + seen.size;
  return {
    summary: {
      state: failures.length ? "failure" : pending ? "pending" : total ? "success" : "none",
      total,
      failed: failures.map((f) => f.name),
    },
    failures,
  };
}

/** Reviews asking for changes (GitHub CHANGES_REQUESTED, Gitea REQUEST_CHANGES). */
export const changeRequests = (reviews: ForgeReview[]): Failure[] =>
  reviews
    .filter((r) => r.state === "CHANGES_REQUESTED" || r.state === "REQUEST_CHANGES")
    .map((r) => ({
      key: `review:${r.id}`,
      name: `review by ${r.user?.login ?? "a reviewer"}`,
      detail: r.body?.trim() || "Changes requested.",
      url: null,
    }));

/** One message for the agent: what failed on the pull request, and what its reviewers asked. */
export function prFeedback(number: number, items: Failure[]): string {
  return [
    `Pull request #${number} needs work (${items.length} item${items.length === 1 ? "" : "s"}):`,
    "",
    ...items.map(
      (f, i) => `${i + 1}. ${f.name}: ${f.detail}${f.url ? `\n   Details: ${f.url}` : ""}`,
    ),
    "",
    "Fix these on the branch, then say what you changed. Hiveboard pushes your work to the pull request.",
  ].join("\n");
}

export type DescriptionFacts = {
  title: string;
  description: string;
  keyRequirements: string[];
  runs: { phase: string; status: string; resultSummary: string | null }[];
  decisions: { title: string; answer: string | null }[];
  metrics: { name: string; value: number }[];
};

/** The pull request's description, written from the epic: phases, decisions, test figures. */
export function prDescription(f: DescriptionFacts): string {
  const lines = [f.description.trim() || f.title, ""];
  if (f.keyRequirements.length)
    lines.push("## Requirements", ...f.keyRequirements.map((r) => `- ${r}`), "");
  if (f.runs.length)
    lines.push(
      "## Phases",
      ...f.runs.map(
        (r) =>
          `- **${r.phase}** ${r.status}${r.resultSummary ? `: ${r.resultSummary.split("\n")[0].slice(0, 200)}` : ""}`,
      ),
      "",
    );
  if (f.decisions.length)
    lines.push(
      "## Decisions",
      ...f.decisions.map((d) => `- ${d.title} → ${d.answer ?? "not answered"}`),
      "",
    );
  if (f.metrics.length)
    lines.push("## Figures", ...f.metrics.map((m) => `- ${m.name}: ${m.value}`), "");
  lines.push("_Opened by Hiveboard._");
  return lines.join("\n");
}

import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { getDb } from "@/lib/db/client";
import { findLiveEpic } from "@/lib/db/epics";
import {
  DEFAULT_API,
  forgeHeaders,
  maskToken,
  prDescription,
  pullState,
  type Forge,
  type ForgePull,
} from "@/lib/domain/forge";
import { processEnvWith } from "@/lib/env";
import { outboundFetch, outboundUrlError } from "@/lib/http/outbound";
import type { ActionResult } from "@/lib/schemas/common";
import type { ForgeSettingsSchema, PullRequestView } from "@/lib/schemas/forge";
import { commitChange, fail } from "./commit-change";
import { EPIC_NOT_FOUND } from "./epics";
import { isGitRepository } from "./worktrees";

// A project's remote and forge: epics' branches pushed there (the token sent as an HTTP header
// through git's environment, never in its arguments), pull requests opened and updated with a
// description written from the epic, their state and checks read back (pull-request-sync.ts).

const exec = promisify(execFile);

export type ForgeAccess = {
  forge: Forge;
  api: string;
  repo: string;
  token: string;
  remote: string;
};

/** The project's forge with its token opened, or why there is none. */
export async function forgeOf(
  projectId: string,
): Promise<{ ok: true; access: ForgeAccess } | { ok: false; code: string; message: string }> {
  const p = await getDb().project.findUniqueOrThrow({ where: { id: projectId } });
  const token = p.forgeToken ? openSecret(p.forgeToken) : null;
  if (!p.forge || !p.gitRemote || !p.forgeRepo || !token)
    return fail(
      "forge-not-set",
      "This project has no forge to open pull requests on: set its remote, forge and token in the project's settings.",
    );
  const forge = p.forge as Forge;
  return {
    ok: true,
    access: {
      forge,
      api: (p.forgeApiUrl || DEFAULT_API[forge] || "").replace(/\/$/, ""),
      repo: p.forgeRepo,
      token,
      remote: p.gitRemote,
    },
  };
}

/** One call to the forge's REST API; its refusal is said in its own words. */
export async function forgeCall<T>(
  a: ForgeAccess,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ ok: true; status: number; data: T } | { ok: false; status: number; message: string }> {
  let res: Response;
  try {
    res = await outboundFetch(`${a.api}${path}`, {
      method,
      headers: {
        ...forgeHeaders(a.forge, a.token),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    return { ok: false, status: 0, message: `Cannot reach ${a.api}: ${(error as Error).message}` };
  }
  const data = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok)
    return {
      ok: false,
      status: res.status,
      message:
        res.status === 401
          ? `${a.forge === "github" ? "GitHub" : "Gitea"} refused the token (${data?.message ?? "401"}): set a valid one in the project's settings.`
          : `${a.forge === "github" ? "GitHub" : "Gitea"} answered ${res.status}: ${data?.message ?? res.statusText}`,
    };
  return { ok: true, status: res.status, data: data as T };
}

export async function setForge(
  actor: Actor,
  input: z.output<typeof ForgeSettingsSchema>,
): Promise<ActionResult<{ forge: string | null; tokenMasked: string | null }>> {
  const apiError = input.apiUrl ? outboundUrlError(input.apiUrl) : null;
  if (apiError) return fail("invalid-input", apiError, { apiUrl: apiError });
  return commitChange(actor, async (tx) => {
    const p = await tx.project.findUnique({ where: { id: input.projectId } });
    if (!p) return fail("project-not-found", "No such project.");
    const token = input.clearToken ? null : input.token ? sealSecret(input.token) : p.forgeToken;
    if (input.forge && !token)
      return fail("invalid-input", "The forge needs a token.", { token: "Paste a token" });
    await tx.project.update({
      where: { id: p.id },
      data: {
        gitRemote: input.gitRemote || null,
        forge: input.forge || null,
        forgeApiUrl: input.apiUrl || null,
        forgeRepo: input.repo || null,
        forgeToken: token,
      },
    });
    const plain = token ? openSecret(token) : null;
    return {
      ok: true,
      value: { forge: input.forge || null, tokenMasked: plain ? maskToken(plain) : null },
      // The token never enters the audit log: only that it changed.
      audit: {
        action: "project.forge",
        objectType: "project",
        objectId: p.id,
        projectId: p.id,
        data: {
          forge: input.forge || null,
          remote: input.gitRemote || null,
          repo: input.repo || null,
          tokenChanged: Boolean(input.token) || input.clearToken,
        },
      },
    };
  });
}

/** The forge settings people may see: the token masked. */
export async function forgeSettingsOf(projectId: string) {
  const p = await getDb().project.findUnique({ where: { id: projectId } });
  if (!p) return null;
  const plain = p.forgeToken ? openSecret(p.forgeToken) : null;
  return {
    gitRemote: p.gitRemote,
    forge: p.forge,
    apiUrl: p.forgeApiUrl,
    repo: p.forgeRepo,
    tokenMasked: plain ? maskToken(plain) : null,
  };
}

/** Pushes the epic's branch to the remote, the token as an Authorization header via git's environment. */
export async function pushBranch(a: ForgeAccess, worktree: string, branch: string) {
  const basic = Buffer.from(`hiveboard:${a.token}`).toString("base64");
  await exec("git", ["push", "--quiet", "--force", a.remote, `HEAD:refs/heads/${branch}`], {
    cwd: worktree,
    env: processEnvWith({
      GIT_TERMINAL_PROMPT: "0",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraHeader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    }),
    timeout: 120_000,
  });
}

/** What the description is written from: the epic, its runs, decisions and reported figures. */
async function describe(epicId: string) {
  const db = getDb();
  const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
  const [runs, decisions, metrics] = await Promise.all([
    db.run.findMany({
      where: { epicId, trialId: null },
      orderBy: { createdAt: "asc" },
      select: { phase: true, status: true, resultSummary: true },
    }),
    db.decision.findMany({
      where: { epicId, source: { not: "tool_approval" } },
      orderBy: { createdAt: "asc" },
      select: { title: true, answerOption: true },
    }),
    db.metricSample.findMany({
      where: { epicId },
      orderBy: { createdAt: "asc" },
      select: { name: true, value: true },
    }),
  ]);
  const latest = new Map(metrics.map((m) => [m.name, m.value]));
  return prDescription({
    title: epic.title,
    description: epic.description,
    keyRequirements: (epic.keyRequirements as string[] | null) ?? [],
    runs,
    decisions: decisions.map((d) => ({ title: d.title, answer: d.answerOption })),
    metrics: [...latest].map(([name, value]) => ({ name, value })),
  });
}

export type OpenedPullRequest = PullRequestView & { created: boolean; pushed: string };

/** Pushes the epic's branch and opens its pull request, or updates the one it has. */
export async function openPullRequest(
  actor: Actor,
  input: { epicId: string },
): Promise<ActionResult<OpenedPullRequest>> {
  const db = getDb();
  const epic = await findLiveEpic(db, input.epicId);
  if (!epic) return fail("epic-not-found", EPIC_NOT_FOUND);
  const found = await forgeOf(epic.projectId);
  if (!found.ok) return found;
  const a = found.access;
  if (!epic.branch || !epic.worktreePath || !(await isGitRepository(epic.worktreePath)))
    return fail("no-branch", "This epic has no branch yet: it gets one at its first run.");
  try {
    await pushBranch(a, epic.worktreePath, epic.branch);
  } catch (error) {
    const said = String((error as { stderr?: string }).stderr ?? (error as Error).message);
    return fail(
      "push-failed",
      `Git could not push ${epic.branch}: ${said.trim().split("\n").slice(-2).join(" ")}`,
    );
  }
  const project = await db.project.findUniqueOrThrow({ where: { id: epic.projectId } });
  const existing = await db.pullRequest.findUnique({ where: { epicId: epic.id } });
  const body = { title: `#${epic.number} ${epic.title}`, body: await describe(epic.id) };
  const r =
    existing && existing.state === "open"
      ? await forgeCall<ForgePull>(a, "PATCH", `/repos/${a.repo}/pulls/${existing.number}`, body)
      : await forgeCall<ForgePull>(a, "POST", `/repos/${a.repo}/pulls`, {
          ...body,
          head: epic.branch,
          base: project.defaultBranch,
        });
  if (!r.ok) return fail("forge-refused", r.message);
  const pr = r.data;
  const head = (await exec("git", ["rev-parse", "HEAD"], { cwd: epic.worktreePath })).stdout.trim();
  return commitChange(actor, async (tx) => {
    const row = await tx.pullRequest.upsert({
      where: { epicId: epic.id },
      create: {
        epicId: epic.id,
        projectId: epic.projectId,
        number: pr.number,
        url: pr.html_url,
        state: pullState(pr),
        headSha: head,
        handled: [],
      },
      update: { number: pr.number, url: pr.html_url, state: pullState(pr), headSha: head },
    });
    return {
      ok: true,
      value: { ...viewOf(row), created: !existing || existing.state !== "open", pushed: head },
      audit: {
        action: existing ? "epic.pull_request_update" : "epic.pull_request",
        objectType: "epic",
        objectId: epic.id,
        projectId: epic.projectId,
        epicId: epic.id,
        data: { number: pr.number, url: pr.html_url, head },
      },
      board: { type: "epic:updated", epicId: epic.id },
    };
  });
}

export function viewOf(row: {
  number: number;
  url: string;
  state: string;
  headSha: string | null;
  checks: unknown;
  fixRuns: number;
  syncedAt: Date | null;
}): PullRequestView {
  return {
    number: row.number,
    url: row.url,
    state: row.state as PullRequestView["state"],
    headSha: row.headSha,
    checks: (row.checks as PullRequestView["checks"]) ?? null,
    fixRuns: row.fixRuns,
    syncedAt: row.syncedAt?.toISOString() ?? null,
  };
}

export async function getPullRequest(epicId: string): Promise<PullRequestView | null> {
  const row = await getDb().pullRequest.findUnique({ where: { epicId } });
  return row ? viewOf(row) : null;
}

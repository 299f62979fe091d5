// Push and pull requests: epics' branches pushed to a real remote (a bare repository served by
// `git http-backend` over smart HTTP, the push verified by cloning it back), pull requests opened
// on a contract server that answers as GitHub's and Gitea's documented APIs do, and their failed
// checks and requested changes sent back to the agent as a follow-up run, at most three.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as forgeRoute from "@/app/api/v1/projects/[slug]/forge/route";
import * as prRoute from "@/app/api/v1/epics/[id]/pull-request/route";
import * as syncRoute from "@/app/api/v1/epics/[id]/pull-request/sync/route";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb } from "../setup/db";
import { serveForge } from "../setup/forge-contract";
import { serveGitRemote } from "../setup/git-http";
import { callRoute } from "../setup/rest";
import {
  allowToolApproval,
  completedDemoRun,
  demoProjectId,
  ended,
  freshEpic,
} from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const TOKEN = "ghp_testtoken1234567890wxyz";
const remote = serveGitRemote(TOKEN);
const forge = serveForge({ token: TOKEN, headOf: (b) => remote.head(b) });
const k = generateKey();
await db.apiKey.create({
  data: { name: "dev", role: "manager", prefix: k.prefix, hash: k.hash },
});

const call = (route: unknown, method: string, params: Record<string, string>, body?: unknown) =>
  callRoute(route, method, params, k.key, body);

async function workedEpic(title: string) {
  const epicId = await freshEpic(projectId, title);
  await completedDemoRun(epicId);
  return db.epic.findUniqueOrThrow({ where: { id: epicId } });
}

const setForge = (body: Record<string, unknown>) =>
  call(forgeRoute, "PUT", { slug: "demo" }, { gitRemote: remote.url(), ...body });

describe("push and pull requests", () => {
  it("stores the forge token sealed and shows it masked", async () => {
    const bad = await setForge({ forge: "gitea", repo: "acme/web", token: TOKEN });
    expect(bad).toMatchObject({
      status: 422,
      body: { error: { details: { apiUrl: expect.any(String) } } },
    });
    const saved = await setForge({
      forge: "github",
      repo: "acme/web",
      token: TOKEN,
      apiUrl: forge.url(),
    });
    expect(saved).toMatchObject({ status: 200, body: { tokenMasked: "ghp_…wxyz" } });
    const shown = await call(forgeRoute, "GET", { slug: "demo" });
    expect(shown.body).toMatchObject({
      forge: "github",
      repo: "acme/web",
      tokenMasked: "ghp_…wxyz",
    });
    expect(JSON.stringify(shown.body)).not.toContain(TOKEN);
    const row = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(row.forgeToken).not.toContain(TOKEN);
    const audit = await db.auditLog.findMany({ where: { action: "project.forge" } });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it("pushes the branch, opens a pull request written from the epic, and sends a failed check and requested changes back to the agent", async () => {
    await setForge({ forge: "github", repo: "acme/web", token: TOKEN, apiUrl: forge.url() });
    const epic = await workedEpic("Open a PR");
    const opened = await call(prRoute, "POST", { id: epic.id });
    expect(opened).toMatchObject({
      status: 200,
      body: { number: 1, state: "open", created: true, url: "https://github.com/acme/web/pull/1" },
    });
    const head = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: epic.worktreePath!,
      encoding: "utf8",
    }).trim();
    // The push reached the remote: cloned back, the branch holds the run's work.
    expect(remote.head(epic.branch!)).toBe(head);
    const clone = mkdtempSync(path.join(tmpdir(), "hb-clone-"));
    execFileSync("git", ["clone", "-q", "-b", epic.branch!, remote.bare, clone]);
    expect(execFileSync("git", ["ls-files", "notes"], { cwd: clone, encoding: "utf8" })).toMatch(
      /notes\//,
    );
    // The token went as a header, never in git's arguments or the URL.
    expect(remote.seen.some((a) => a.startsWith("Basic "))).toBe(true);
    const created = forge.state.requests.find((r) => r.method === "POST")!;
    expect(created.auth).toBe(`Bearer ${TOKEN}`);
    expect(created.body).toMatchObject({
      title: `#${epic.number} Open a PR`,
      head: epic.branch,
      base: "main",
    });
    expect((created.body as { body: string }).body).toContain(
      "## Phases\n- **ANALYZER** completed",
    );

    // A check fails on the head commit, and a reviewer asks for changes.
    forge.state.checkRuns.set(head, [
      {
        id: 11,
        name: "unit tests",
        status: "completed",
        conclusion: "failure",
        html_url: "https://ci/11",
        output: { title: "2 failed", summary: "parseDate breaks on leap days" },
      },
      { id: 12, name: "lint", status: "completed", conclusion: "success" },
    ]);
    forge.state.reviews.set(1, [
      {
        id: 21,
        state: "CHANGES_REQUESTED",
        body: "Name the helper after what it does.",
        user: { login: "octo" },
      },
      { id: 22, state: "APPROVED", body: "", user: { login: "other" } },
    ]);
    const synced = await call(syncRoute, "POST", { id: epic.id });
    expect(synced.body).toMatchObject({
      checks: { state: "failure", failed: ["unit tests"], total: 2 },
      fixRuns: 1,
    });
    const followUp = synced.body.sentTo as string;
    const message = (await db.feedback.findFirstOrThrow({ where: { runId: followUp } })).message;
    expect(message).toContain("Pull request #1 needs work (2 items):");
    expect(message).toContain(
      "1. unit tests: 2 failed: parseDate breaks on leap days\n   Details: https://ci/11",
    );
    expect(message).toContain("2. review by octo: Name the helper after what it does.");

    // Reading again while the follow-up works sends nothing twice.
    expect((await call(syncRoute, "POST", { id: epic.id })).body).toMatchObject({
      sentTo: null,
      fixRuns: 1,
    });
    await allowToolApproval(followUp);
    await ended(followUp);
    // Its work is pushed to the pull request; what was sent is not sent again.
    const after = await call(syncRoute, "POST", { id: epic.id });
    const newHead = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: epic.worktreePath!,
      encoding: "utf8",
    }).trim();
    expect(newHead).not.toBe(head);
    expect(remote.head(epic.branch!)).toBe(newHead);
    expect(after.body).toMatchObject({
      sentTo: null,
      fixRuns: 1,
      headSha: newHead,
      checks: { state: "none" },
    });
    expect(forge.state.pulls[0].body).toContain("ANALYZER");

    // At most three follow-ups per pull request: then a person takes it.
    await db.pullRequest.update({ where: { epicId: epic.id }, data: { fixRuns: 3 } });
    forge.state.checkRuns.set(newHead, [
      { id: 13, name: "e2e", status: "completed", conclusion: "failure" },
    ]);
    const capped = await call(syncRoute, "POST", { id: epic.id });
    expect(capped.body).toMatchObject({ sentTo: null, checks: { state: "failure" } });
    expect(capped.body.note).toMatch(/3 follow-up runs have been used/);
  });

  it("speaks Gitea's shape: token header, statuses with `status`; opening again updates the same pull request", async () => {
    await setForge({
      forge: "gitea",
      repo: "acme/web",
      token: TOKEN,
      apiUrl: `${forge.url()}/api/v1`,
    });
    const epic = await workedEpic("Gitea PR");
    const opened = await call(prRoute, "POST", { id: epic.id });
    expect(opened.status).toBe(200);
    expect(opened.body.url).toMatch(/\/acme\/web\/pulls\/\d+$/);
    expect(forge.state.requests.at(-1)!.auth).toBe(`token ${TOKEN}`);
    const head = remote.head(epic.branch!)!;
    forge.state.statuses.set(head, [
      {
        id: 31,
        context: "ci/woodpecker",
        status: "failure",
        description: "build failed",
        target_url: "https://ci/31",
      },
    ]);
    const synced = await call(syncRoute, "POST", { id: epic.id });
    expect(synced.body).toMatchObject({ checks: { state: "failure", failed: ["ci/woodpecker"] } });
    expect(synced.body.sentTo).toBeTruthy();
    await allowToolApproval(synced.body.sentTo);
    await ended(synced.body.sentTo);
    const again = await call(prRoute, "POST", { id: epic.id });
    expect(again.body).toMatchObject({ number: opened.body.number, created: false });
    expect(forge.state.requests.at(-1)).toMatchObject({ method: "PATCH" });
    expect(forge.state.pulls.filter((p) => p.head === epic.branch)).toHaveLength(1);
  });

  it("says what the forge said when it refuses the token, and what to fix when nothing is set", async () => {
    await setForge({
      forge: "github",
      repo: "acme/web",
      token: "ghp_wrong_token_000000",
      apiUrl: forge.url(),
    });
    const epic = await workedEpic("Wrong token");
    const refused = await call(prRoute, "POST", { id: epic.id });
    // The push itself is refused first, by the remote.
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("push-failed");
    expect(refused.body.error.message).toMatch(
      /Git could not push .*(401|Authentication|could not read)/i,
    );
    await setForge({ forge: "", repo: "", token: "", clearToken: true });
    const none = await call(prRoute, "POST", { id: epic.id });
    expect(none.body.error).toMatchObject({ code: "forge-not-set" });
  });
});

// What a run changed, on real git repositories: a demo run in the demo project's repository ends
// with a checkpoint commit naming it, and its diff (from the commit it started at) is served as
// text/x-diff and as JSON files with hunks; the epic's whole branch against main too. Renames and
// binary files read as such; a run outside git says why there is no diff.
import { execFileSync } from "node:child_process";
import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as epicDiffRoute from "@/app/api/v1/epics/[id]/diff/route";
import * as runDiffRoute from "@/app/api/v1/runs/[id]/diff/route";
import { generateKey } from "@/lib/auth/api-keys";
import { diffFiles, pathOf } from "@/lib/domain/diff";
import { startRun } from "@/lib/run-engine";
import { checkpoint, unifiedDiff } from "@/lib/services/run-diff";
import { freshDb, makeProject, manager } from "../setup/db";
import { allowToolApproval, demoProjectId, ended, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const k = generateKey();
await db.apiKey.create({
  data: { name: "diff-reader", role: "viewer", prefix: k.prefix, hash: k.hash },
});
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

async function get(route: typeof runDiffRoute, id: string, query = "", accept?: string) {
  const res = await route.GET(
    new Request(`http://localhost/api/v1/x/${id}/diff${query}`, {
      headers: { "x-api-key": k.key, ...(accept ? { accept } : {}) },
    }),
    { params: Promise.resolve({ id }) },
  );
  return res;
}

describe("what a run changed", () => {
  it("ends a run with a checkpoint commit and serves its diff as text and as JSON", async () => {
    const epicId = await freshEpic(projectId, "Diff me");
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    await allowToolApproval(r.data.runId);
    const run = await ended(r.data.runId);
    expect(run.status).toBe("completed");
    expect(run.startCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.endCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.endCommit).not.toBe(run.startCommit);
    const epic = await db.epic.findUniqueOrThrow({ where: { id: epicId } });
    const cwd = epic.worktreePath!;
    expect(git(cwd, "log", "-1", "--format=%s", run.endCommit!)).toBe(
      `Hiveboard checkpoint: ANALYZER run ${run.id}`,
    );
    expect(git(cwd, "status", "--porcelain")).toBe("");

    const text = await get(runDiffRoute, run.id, "", "text/x-diff");
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toBe("text/x-diff; charset=utf-8");
    const body = await text.text();
    expect(body).toMatch(/^diff --git a\/notes\//m);
    expect(body).toBe(git(cwd, "diff", "--find-renames", run.startCommit!, run.endCommit!) + "\n");

    const json = await get(runDiffRoute, run.id, "?format=json");
    const parsed = (await json.json()) as {
      files: {
        path: string;
        type: string;
        added: number;
        hunks: { lines: { type: string }[] }[];
      }[];
    };
    expect(parsed.files.length).toBeGreaterThan(0);
    const note = parsed.files.find((f) => f.path.startsWith("notes/"))!;
    expect(note).toMatchObject({ type: "add" });
    expect(note.added).toBe(
      note.hunks.flatMap((h) => h.lines).filter((l) => l.type === "insert").length,
    );

    const whole = await get(epicDiffRoute as never, epicId, "?format=json");
    expect(whole.status).toBe(200);
    const branch = (await whole.json()) as { files: { path: string }[] };
    expect(branch.files.map((f) => f.path)).toContain(note.path);

    // Work not committed yet shows too, new files included (as a run's "so far" does).
    writeFileSync(path.join(cwd, "fresh.txt"), "one\ntwo\n");
    const now = (await (await get(epicDiffRoute as never, epicId, "?format=json")).json()) as {
      files: { path: string; type: string; added: number }[];
    };
    expect(now.files.find((f) => f.path === "fresh.txt")).toMatchObject({ type: "add", added: 2 });
    const raw = await (await get(epicDiffRoute as never, epicId, "?format=diff")).text();
    expect(raw).toContain("diff --git a/fresh.txt b/fresh.txt\nnew file mode 100644");
  });

  it("says why there is no diff for a run outside git", async () => {
    const project = await makeProject();
    await db.project.update({ where: { id: project.id }, data: { repo: "" } });
    const epicId = await freshEpic(project.id);
    const run = await db.run.create({
      data: {
        projectId: project.id,
        epicId,
        phase: "ANALYZER",
        runner: "demo",
        workflow: "architect",
        maxTurns: 5,
        timeoutSec: 60,
        status: "completed",
      },
    });
    const res = await get(runDiffRoute, run.id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "outside a git repository",
    );
    expect((await get(runDiffRoute, "no-such-run")).status).toBe(404);
  });

  it("reads renames and binary files as such", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "hb-diff-"));
    git(cwd, "init", "-q", "-b", "main");
    writeFileSync(path.join(cwd, "old-name.txt"), "one\ntwo\nthree\nfour\nfive\n");
    writeFileSync(path.join(cwd, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    git(cwd, "add", "-A");
    git(cwd, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start");
    const from = git(cwd, "rev-parse", "HEAD");
    renameSync(path.join(cwd, "old-name.txt"), path.join(cwd, "new-name.txt"));
    writeFileSync(path.join(cwd, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9]));
    const to = await checkpoint(cwd, { id: "run-x", phase: "BUILDER" });
    const files = diffFiles(await unifiedDiff({ cwd, from, to }));
    expect(files.map((f) => [f.type, pathOf(f), f.binary])).toEqual([
      ["modify", "logo.png", true],
      ["rename", "new-name.txt", false],
    ]);
    expect(files[1].oldPath).toBe("old-name.txt");
  });
});

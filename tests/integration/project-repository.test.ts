// A project's repository is checked when it is saved, against real git repositories on disk:
// a folder that is not there, a folder that is not a git repository and a missing default branch
// are refused with what to do, and nothing is written; empty (scratch folders) and URLs are taken.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProject, updateProject } from "@/lib/services/projects";
import { freshDb, manager } from "../setup/db";

const db = await freshDb();
const root = mkdtempSync(path.join(tmpdir(), "hb-repo-check-"));
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd });

function repository(branch = "main"): string {
  const dir = mkdtempSync(path.join(root, "repo-"));
  git(dir, "init", "-q", "-b", branch);
  git(dir, "commit", "-q", "--allow-empty", "-m", "first");
  return dir;
}

let n = 0;
const input = (repo: string, defaultBranch = "main") => ({
  name: "Checked",
  slug: `checked-${++n}-${Date.now().toString(36)}`,
  repo,
  defaultBranch,
  description: "",
});

describe("saving a project checks its repository", () => {
  it("refuses a folder that is not on this server, and writes nothing", async () => {
    const before = await db.project.count();
    const r = await createProject(manager, input(path.join(root, "nowhere")));
    expect(r).toMatchObject({ ok: false, code: "repository" });
    if (r.ok) return;
    expect(r.fieldErrors?.repo).toBe(
      `No folder at ${path.join(root, "nowhere")} on this server: give the path of a git repository here, or leave it empty for a scratch folder per epic`,
    );
    expect(await db.project.count()).toBe(before);
  });

  it("refuses a folder that is not a git repository", async () => {
    const plain = path.join(root, "plain");
    mkdirSync(plain);
    const r = await createProject(manager, input(plain));
    expect(!r.ok && r.fieldErrors?.repo).toContain("is not a git repository: run “git init” there");
  });

  it("refuses a default branch the repository does not have, naming the ones it has", async () => {
    const r = await createProject(manager, input(repository("trunk"), "main"));
    expect(!r.ok && r.fieldErrors?.defaultBranch).toMatch(
      /No branch “main” in .*; its branches: trunk$/,
    );
  });

  it("takes a git repository with its default branch, an empty setting and a URL", async () => {
    for (const repo of [
      repository(),
      "",
      "https://github.com/acme/web.git",
      "git@github.com:acme/web.git",
    ]) {
      const r = await createProject(manager, input(repo));
      expect(r, repo).toMatchObject({ ok: true });
    }
  });

  it("checks again when the repository or branch changes, not when only the name does", async () => {
    const repo = repository();
    const r = await createProject(manager, input(repo));
    if (!r.ok) throw new Error(r.message);
    const { id, slug } = r.data as { id: string; slug: string };
    // The folder goes away: renaming the project still works (the setting is unchanged) …
    await db.project.update({ where: { id }, data: { repo: path.join(root, "moved-away") } });
    const renamed = await updateProject(manager, {
      id,
      ...input(path.join(root, "moved-away")),
      slug,
      name: "Renamed",
    });
    expect(renamed).toMatchObject({ ok: true });
    // … and pointing it at another missing folder is refused.
    const moved = await updateProject(manager, {
      id,
      ...input(path.join(root, "elsewhere")),
      slug,
    });
    expect(moved).toMatchObject({ ok: false, code: "repository" });
    expect((await db.project.findUniqueOrThrow({ where: { id } })).repo).toBe(
      path.join(root, "moved-away"),
    );
  });
});

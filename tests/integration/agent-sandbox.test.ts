// Agents run as Hiveboard's user, but inside bubblewrap where it works: a command phase that goes
// looking for the data folder, the database, the auth secret, another epic's worktree and the
// server's own environment finds nothing — and still works in its own worktree.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startRun } from "@/lib/run-engine";
import { bwrapWorks } from "@/lib/runners/sandbox";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const dataDir = path.resolve(process.env.HIVEBOARD_DATA_DIR!);
const dbFile = process.env.DATABASE_URL!.startsWith("file:")
  ? path.resolve(process.env.DATABASE_URL!.slice(5))
  : null;
process.env.HIVEBOARD_SERVER_ONLY_SECRET = "server-environ-secret-0123456789";

const output = async (runId: string) =>
  (await events(runId))
    .filter((e) => e.kind === "log")
    .map((e) => (e.data as { line: string }).line)
    .join("\n");

describe.skipIf(!bwrapWorks())("the agent sandbox (bubblewrap)", () => {
  it("hides the data folder, the database, the secrets, other worktrees and the server's processes", async () => {
    // Something of Hiveboard's to find: its auth secret, and another epic's worktree.
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "auth-secret"), "auth-secret-agents-must-not-read\n");
    const other = path.join(dataDir, "worktrees", "demo", "other-epic");
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, "secret.txt"), "another epic's work\n");
    const probe = [
      `echo "DATA: $(ls -A ${dataDir} 2>&1 | tr '\\n' ' ')"`,
      `echo "SECRET: $(cat ${dataDir}/auth-secret 2>&1)"`,
      `echo "OTHER: $(cat ${other}/secret.txt 2>&1)"`,
      dbFile ? `echo "DB: $(head -c 16 ${dbFile} 2>&1)"` : `echo "DB: (PostgreSQL)"`,
      `echo "SERVER: $(cat /proc/${process.pid}/environ 2>&1 | tr '\\0' '\\n' | grep -c SERVER_ONLY_SECRET)"`,
      `echo "PIDS: $(ls /proc | grep -c '^[0-9]')"`,
      `echo mine > written-by-agent.txt && echo "WROTE: $(cat written-by-agent.txt)"`,
    ].join("; ");
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { runner: "command", command: probe },
    });
    const r = await startRun(manager, { epicId: await freshEpic(projectId, "Look around") });
    const run = await ended(r.ok ? r.data.runId : "");
    const text = await output(run.id);
    expect(run.status, text).toBe("completed");
    expect(text).not.toContain("auth-secret-agents-must-not-read");
    expect(text).not.toContain("another epic's work");
    expect(text).not.toContain("SQLite format");
    // Of the data folder, only what it works in: its worktree's path and the repository's git data.
    expect(text).toMatch(/^DATA: (demo-repo )?worktrees $/m);
    expect(text).toMatch(/^SERVER: 0$/m);
    // Its own process namespace: a handful of processes, not the machine's.
    expect(Number(/^PIDS: (\d+)$/m.exec(text)?.[1])).toBeLessThan(10);
    expect(text).toMatch(/^WROTE: mine$/m);
    const epic = await db.epic.findUniqueOrThrow({ where: { id: run.epicId } });
    expect(existsSync(path.join(epic.worktreePath!, "written-by-agent.txt"))).toBe(true);
  });
});

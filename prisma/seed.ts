// Seeds a demo project the first time Hiveboard starts on an empty database, and, on request,
// a large board (`npm run seed:large`) for checking that 1,000 epics stay smooth.
import type { PrismaClient } from "@/generated/prisma/client";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { DEFAULT_PHASES, DONE_LANE } from "@/lib/domain/phases";
import { EPIC_TYPES, PRIORITIES, type TodoStatus } from "@/lib/domain/epic";
import path from "node:path";
import { env } from "@/lib/env";
import { insertProject } from "@/lib/services/projects";
import { createDemoRepository } from "@/lib/services/worktrees";

type SeedEpic = {
  title: string;
  type: (typeof EPIC_TYPES)[number];
  priority: (typeof PRIORITIES)[number];
  phase: string;
  status?: string;
  targetVersion?: string;
  description: string;
  keyRequirements: string[];
  todos: [string, TodoStatus][];
};

const DEMO_EPICS: SeedEpic[] = [
  {
    title: "Sign in with magic links",
    type: "feature",
    priority: "high",
    phase: "ANALYZER",
    targetVersion: "1.4",
    description:
      "Let people sign in from an emailed link instead of a password.\n\n- links expire after **15 minutes**\n- one use per link",
    keyRequirements: [
      "Links expire after 15 minutes",
      "A link works once",
      "Rate-limit requests per address",
    ],
    todos: [
      ["Survey the current session code", "completed"],
      ["Write the token table migration", "pending"],
      ["Plan the email template", "pending"],
    ],
  },
  {
    title: "Export board as CSV",
    type: "feature",
    priority: "medium",
    phase: "ANALYZER",
    description: "Managers want the board in a spreadsheet for the weekly review.",
    keyRequirements: ["One row per epic", "Columns match the card fields"],
    todos: [],
  },
  {
    title: "Rate limiter for the public API",
    type: "feature",
    priority: "high",
    phase: "BUILDER",
    targetVersion: "1.4",
    description: "A token bucket per API key, shared across nodes.",
    keyRequirements: ["100 requests/minute per key", "Clear Retry-After header"],
    todos: [
      ["Token bucket in lib/limits", "completed"],
      ["Redis store", "in_progress"],
      ["Retry-After header", "pending"],
      ["Docs", "pending"],
    ],
  },
  {
    title: "Fix flaky upload retries",
    type: "bug",
    priority: "medium",
    phase: "TESTER",
    targetVersion: "1.3.2",
    description: "Uploads over 50 MB retry forever when the connection drops twice.",
    keyRequirements: ["At most 3 retries", "Resume from the last chunk"],
    todos: [
      ["Reproduce with a throttled link", "completed"],
      ["Cap the retries", "completed"],
      ["Regression test", "in_progress"],
    ],
  },
  {
    title: "Split the billing service",
    type: "refactor",
    priority: "low",
    phase: "VALIDATOR",
    description: "Move invoicing out of the monolith behind a queue.",
    keyRequirements: ["No change to invoice numbers", "Idempotent consumers"],
    todos: [
      ["Extract the invoice module", "completed"],
      ["Queue consumer", "completed"],
      ["Security review", "pending"],
    ],
  },
  {
    title: "Nightly dependency audit",
    type: "chore",
    priority: "low",
    phase: DONE_LANE,
    status: "done",
    targetVersion: "1.3",
    description: "Run the dependency audit every night and open an epic for each advisory.",
    keyRequirements: [],
    todos: [
      ["Schedule the job", "completed"],
      ["Open epics for advisories", "completed"],
    ],
  },
];

async function insertEpics(db: PrismaClient, projectId: string, epics: SeedEpic[]) {
  for (const [i, e] of epics.entries()) {
    const epic = await db.epic.create({
      data: {
        projectId,
        number: i + 1,
        title: e.title,
        type: e.type,
        priority: e.priority,
        phase: e.phase,
        status: e.status ?? "idle",
        position: i,
        targetVersion: e.targetVersion ?? null,
        description: e.description,
        keyRequirements: e.keyRequirements,
        todos: {
          create: e.todos.map(([content, status], position) => ({
            content,
            status,
            position,
            phase: e.phase === DONE_LANE ? null : e.phase,
          })),
        },
      },
    });
    await recordAudit(db, SYSTEM_ACTOR, {
      action: "epic.create",
      objectType: "epic",
      objectId: epic.id,
      projectId,
      epicId: epic.id,
      data: { title: e.title, seeded: true },
    });
  }
}

/** Seeds the demo project when there is no project at all; never duplicates. */
export async function seedDemo(db: PrismaClient): Promise<boolean> {
  if ((await db.project.count()) > 0) return false;
  const repo = path.join(env().HIVEBOARD_DATA_DIR, "demo-repo");
  await createDemoRepository(repo);
  await db.$transaction(async (tx) => {
    const project = await insertProject(
      tx,
      {
        name: "Demo: Acme web app",
        slug: "demo",
        repo,
        defaultBranch: "main",
        description: "A sample project worked on by the bundled demo agent.",
      },
      "demo",
    );
    await insertEpics(tx as PrismaClient, project.id, DEMO_EPICS);
  });
  return true;
}

/** A finished run with many events (text, tool calls, results, logs), for transcript smoothness. */
async function insertLongRun(db: PrismaClient, projectId: string, epicId: string, events: number) {
  const run = await db.run.create({
    data: {
      projectId,
      epicId,
      phase: "ANALYZER",
      runner: "demo",
      workflow: "architect",
      status: "completed",
      maxTurns: 200,
      timeoutSec: 14400,
      turns: Math.floor(events / 5),
      lastSeq: events,
      startedAt: new Date(),
      endedAt: new Date(),
    },
  });
  const kinds = ["turn", "text", "tool_use", "tool_result", "log"] as const;
  const data = (seq: number, kind: (typeof kinds)[number]) =>
    kind === "turn"
      ? { turn: Math.ceil(seq / 5), maxTurns: 200 }
      : kind === "text"
        ? { text: `Step ${seq}: looking at **module ${seq % 37}**.` }
        : kind === "tool_use"
          ? {
              id: `t${seq}`,
              name: "Read",
              input: { file_path: `src/module-${seq % 37}.ts` },
              action: `Reading src/module-${seq % 37}.ts`,
            }
          : kind === "tool_result"
            ? {
                toolUseId: `t${seq - 1}`,
                content: `export const value${seq} = ${seq};`,
                isError: false,
                truncated: false,
              }
            : { stream: "stdout", line: `line ${seq}` };
  for (let start = 1; start <= events; start += 2000) {
    await db.runEvent.createMany({
      data: Array.from({ length: Math.min(2000, events - start + 1) }, (_, i) => {
        const seq = start + i;
        const kind = kinds[(seq - 1) % kinds.length];
        return { runId: run.id, seq, kind, data: data(seq, kind) };
      }),
    });
  }
}

/** A board with `count` epics spread over every lane, for size and smoothness checks. */
export async function seedLarge(db: PrismaClient, count = 1000, slug = "large"): Promise<boolean> {
  if (await db.project.findUnique({ where: { slug } })) return false;
  const lanes = [...DEFAULT_PHASES, DONE_LANE];
  const epics: SeedEpic[] = Array.from({ length: count }, (_, i) => ({
    title: `Epic ${i + 1}: ${["Improve", "Add", "Fix", "Refactor", "Document"][i % 5]} ${["search", "billing", "uploads", "auth", "exports", "alerts"][i % 6]}`,
    type: EPIC_TYPES[i % EPIC_TYPES.length],
    priority: PRIORITIES[i % PRIORITIES.length],
    phase: lanes[i % lanes.length],
    status: lanes[i % lanes.length] === DONE_LANE ? "done" : "idle",
    description: "",
    keyRequirements: [],
    todos:
      i % 3 === 0
        ? [
            ["First step", "completed"],
            ["Second step", "pending"],
          ]
        : [],
  }));
  await db.$transaction(
    async (tx) => {
      const project = await insertProject(
        tx,
        {
          name: "Large board (1,000 epics)",
          slug,
          repo: "./data/large-repo",
          defaultBranch: "main",
          description: "",
        },
        "demo",
      );
      await insertEpics(tx as PrismaClient, project.id, epics);
      const first = await tx.epic.findFirstOrThrow({ where: { projectId: project.id, number: 1 } });
      await insertLongRun(tx as PrismaClient, project.id, first.id, 10_000);
    },
    { timeout: 120_000 },
  );
  return true;
}

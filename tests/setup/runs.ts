import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed";
import { createEpic } from "@/lib/services/epics";
import { manager } from "./db";

/** Polls until `check` returns a value (not null/false), or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export async function demoProjectId(): Promise<string> {
  await seedDemo(getDb());
  return (await getDb().project.findUniqueOrThrow({ where: { slug: "demo" } })).id;
}

let n = 0;
export async function freshEpic(projectId: string, title = `Run epic ${++n}`) {
  const r = await createEpic(manager, {
    projectId,
    title,
    description: "Try the runner",
    type: "feature",
    priority: "medium",
    targetVersion: null,
    keyRequirements: ["Works"],
  });
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

export const runRow = (id: string) => getDb().run.findUniqueOrThrow({ where: { id } });
export const ended = (id: string) =>
  waitFor(`run ${id} to end`, async () => {
    const r = await runRow(id);
    return ["completed", "failed", "killed", "timed_out"].includes(r.status) ? r : null;
  });
export const events = (runId: string) =>
  getDb().runEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });

/** Starts the epic's current phase as the manager and returns the run's id (fails the test if refused). */
export async function startedRun(projectId: string, title: string): Promise<string> {
  const { startRun } = await import("@/lib/run-engine");
  const r = await startRun(manager, { epicId: await freshEpic(projectId, title) });
  if (!r.ok) throw new Error(r.message);
  return r.data.runId;
}

/** Waits until the run's agent has taken `turns` turns. */
export const turnsTaken = (runId: string, turns: number) =>
  waitFor(`${turns} turn(s) of run ${runId}`, async () => (await runRow(runId)).turns >= turns);

/** Every seq from 1 to the last, once each, in order. */
export const seqsInOrder = async (runId: string) =>
  (await events(runId)).every((e, i) => e.seq === i + 1);

/** A run row that has already completed on an epic (no agent): something to aim commands at. */
export async function endedRun(projectId: string, epicId: string, runner = "demo") {
  const run = await getDb().run.create({
    data: {
      projectId,
      epicId,
      phase: "ANALYZER",
      runner,
      workflow: "architect",
      maxTurns: 5,
      timeoutSec: 60,
      status: "completed",
    },
  });
  return run.id;
}

/** Waits for the run's tool approval and allows it, as a person on its run page would; returns it. */
export async function allowToolApproval(runId: string) {
  const { answerRunApproval } = await import("@/lib/services/decisions");
  const approval = await waitFor(`the tool approval of ${runId}`, () =>
    getDb().decision.findFirst({ where: { runId, status: "open", source: "tool_approval" } }),
  );
  const r = await answerRunApproval(manager, {
    runId,
    requestId: approval.requestId!,
    behavior: "allow",
    message: "",
  });
  if (!r.ok) throw new Error(r.message);
  return approval;
}

/** Starts the epic's phase as the manager, allows its tool approval, and waits for it to complete. */
export async function completedDemoRun(epicId: string) {
  const { startRun } = await import("@/lib/run-engine");
  const r = await startRun(manager, { epicId });
  if (!r.ok) throw new Error(r.message);
  await allowToolApproval(r.data.runId);
  const run = await ended(r.data.runId);
  if (run.status !== "completed")
    throw new Error(`run ${run.id} ended ${run.status}: ${run.error}`);
  return run;
}

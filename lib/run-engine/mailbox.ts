import "server-only";
import { getDb } from "@/lib/db/client";
import type { DecisionOption } from "@/lib/domain/decisions";
import { env } from "@/lib/env";
import { realtimeBus } from "@/lib/realtime/publish";
import { liveRuns } from "./live-runs";
import { applyCommand, type RunCommand } from "./steer";

// The mailbox: every command a run is given is written to the database first (a stop on the run's
// row, a message in Feedback, an answer on its Decision), then the node holding the agent is poked.
// That node reads what is new for the run and applies it, one typed command at a time (steer.ts).
// Lost pokes (a Redis blip, a node restart) are healed by every node draining its runs' mailboxes
// every couple of seconds; applying is idempotent, so a command is acted on once.

/** What the database says the given runs should get, as commands, oldest first per kind. */
async function readMailbox(runIds: string[]): Promise<{ runId: string; command: RunCommand }[]> {
  const db = getDb();
  const [stops, feedback, decisions] = await Promise.all([
    db.run.findMany({
      where: { id: { in: runIds }, stopRequested: { not: null } },
      select: { id: true, stopRequested: true },
    }),
    db.feedback.findMany({
      where: { runId: { in: runIds }, status: "queued" },
      orderBy: { createdAt: "asc" },
    }),
    db.decision.findMany({
      where: {
        runId: { in: runIds },
        source: { in: ["tool_approval", "agent"] },
        OR: [
          { status: { in: ["answered", "auto_applied"] } },
          { status: "open", requestId: { startsWith: "mcp:" } },
        ],
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const out: { runId: string; command: RunCommand }[] = [];
  for (const s of stops)
    out.push({
      runId: s.id,
      command: { kind: "stop", hard: s.stopRequested === "kill", cause: "user" },
    });
  for (const f of feedback)
    out.push({
      runId: f.runId,
      command: {
        kind: "feedback",
        feedbackId: f.id,
        message: f.message,
        mode: f.mode === "interrupt" ? "interrupt" : "send",
        author: f.authorLabel,
      },
    });
  for (const d of decisions) {
    const live = liveRuns.get(d.runId!);
    if (!live) continue;
    if (d.status === "open") {
      out.push({
        runId: d.runId!,
        command: { kind: "question", decisionId: d.id, title: d.title },
      });
      continue;
    }
    // Only what this copy of the agent waits on: an approval it asked, or a question asked since it started.
    const waiting =
      d.requestId && !d.requestId.startsWith("mcp:")
        ? live.pendingApprovals.has(d.requestId)
        : d.createdAt >= live.since;
    if (!waiting || live.appliedDecisions.has(d.id)) continue;
    const label =
      (d.options as DecisionOption[]).find((o) => o.key === d.answerOption)?.label ??
      d.answerOption ??
      "";
    out.push({
      runId: d.runId!,
      command: {
        kind: "answer",
        decisionId: d.id,
        title: d.title,
        requestId: d.requestId,
        option: d.answerOption ?? "",
        label,
        comment: d.answerComment ?? "",
        by: d.answeredByLabel ?? "someone",
        openedAt: d.createdAt,
      },
    });
  }
  return out;
}

/** Applies what is new in the mailboxes of the runs this node holds (all of them by default). Returns how many commands took effect. */
export async function drainMailbox(runIds: string[] = [...liveRuns.keys()]): Promise<number> {
  const here = runIds.filter((id) => liveRuns.get(id)?.handle);
  if (!here.length) return 0;
  let applied = 0;
  for (const { runId, command } of await readMailbox(here)) {
    const live = liveRuns.get(runId);
    if (live?.handle && (await applyCommand(live, command))) applied++;
  }
  return applied;
}

export type ControlMessage = { op: "poke"; runId: string };

/**
 * A command for a run was written: the node holding its agent applies it now. Here, at once; with
 * several nodes (REDIS_URL) every node hears the poke and the holder drains (server.ts, the worker).
 */
export function pokeRun(runId: string): void {
  if (liveRuns.has(runId)) {
    void drainMailbox([runId]).catch((e) =>
      console.error(`run ${runId}: its commands could not be applied`, e),
    );
    return;
  }
  if (env().REDIS_URL)
    realtimeBus.emit("cluster:control", { op: "poke", runId } satisfies ControlMessage);
}

/** A poke from another node: drained when this node holds the run, ignored otherwise. */
export function applyControl(m: ControlMessage): void {
  if (m.op === "poke" && liveRuns.has(m.runId))
    void drainMailbox([m.runId]).catch((e) =>
      console.error(`run ${m.runId}: its commands could not be applied`, e),
    );
}

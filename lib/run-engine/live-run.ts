import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { mirrorAgentTodos, updateFeedback, type FeedbackChange } from "@/lib/db/run-writes";
import { retryDb } from "@/lib/db/retry";
import { leaseFromNow, NODE_ID } from "./node-id";
import { getCard } from "@/lib/db/epics";
import { runEventWriter, type RunFigures } from "@/lib/db/run-event-writer";
import { appendRunEvents, toRunSummary, type NewEvent } from "@/lib/db/runs";
import type { RunSummary } from "@/lib/schemas/run";
import type { AgentResult, RunStatus } from "@/lib/domain/run-status";
import { epicStatusFor } from "@/lib/domain/run-status";
import { APPROVAL_OPTIONS, parseDecisionText } from "@/lib/domain/decisions";
import { patternsIn } from "@/lib/domain/patterns";
import { recordPatternUses } from "@/lib/services/patterns";
import { describeToolUse } from "@/lib/runners/claude-stream";
import { announceDecision, insertDecision, type NewDecision } from "@/lib/services/decision-store";
import { canTransition } from "@/lib/domain/run-status";
import { earlierAnswerTo } from "@/lib/db/decisions";
import type { AgentTodo, RunnerEvent } from "@/lib/runners/events";
import type { RunHandle } from "@/lib/runners/types";
import { publishBoardChange, publishRunEvents, publishRunUpdate } from "@/lib/realtime/publish";

/** A run reports a figure (coverage, say) with a line `METRIC name=value` anywhere in its output. */
const METRIC_LINE = /\bMETRIC\s+([a-z][a-z0-9_]{0,39})\s*=\s*(-?\d+(?:\.\d+)?)/g;
const metricsIn = (text: string) => [...text.matchAll(METRIC_LINE)].map((m) => ({ name: m[1], value: Number(m[2]) }));

type Pending = NewEvent & { patterns?: string[]; metrics?: { name: string; value: number }[]; feedback?: FeedbackChange; todos?: AgentTodo[]; sessionId?: string; decision?: Omit<NewDecision, "projectId" | "epicId" | "runId" | "runEventSeq"> };

/** Figures of a run kept in memory while it is live, written with each batch of its events. */
export type LiveFigures = RunFigures & { status: RunStatus };

/**
 * One run while its agent lives in this process. Every event gets the next seq here, is
 * committed in a batch (with the run's figures, feedback receipts and the todo mirror), and only
 * then published. The queue drains continuously, so memory per run stays bounded.
 */
export class LiveRun {
  handle: RunHandle | null = null;
  lastResult: AgentResult = null;
  stoppedBy: "user" | "timeout" | "max-turns" | null = null;
  startError: string | null = null;
  /** Decisions already handed to this agent: a message that arrives twice (a sweep, a retry) acts once. */
  readonly appliedDecisions = new Set<string>();
  /** When this process took the run: decisions asked since then are this agent's to hear. */
  readonly since = new Date();
  /** This node is shutting down and gives the run to another one: its end is not the run's end. */
  handedOver = false;
  /** Another node took the run (this one could not renew its lease in time): this copy only stops. */
  leaseLost = false;
  costBase = 0;
  readonly awaitingAck: string[] = [];
  /** Decisions the agent asked for in its text and still waits on: its stdin stays open. */
  openAgentDecisions = 0;
  /** Feedback already written to the agent: a message goes in once, whoever asks twice. */
  readonly sentFeedback = new Set<string>();
  /** Approval requests the agent waits on, with the tool input an "allow" hands back. */
  readonly pendingApprovals = new Map<string, unknown>();
  /** MCP questions already shown as waiting: a poke that arrives twice notes one once. */
  readonly notedQuestions = new Set<string>();
  /** Messages the agent took in (its own receipt, or its next turn): acknowledged at the turn after. */
  private readonly startedInputs: string[] = [];
  private receipts = false;
  /** The epic's worktree, once prepared: permission rules name paths relative to it. */
  cwd: string | null = null;
  /** An answer was sent to the agent and no result has come since: the run is not over until one does. */
  answeredSinceResult = false;
  /** Who may answer this run's tool approvals (the project's setting, read at launch). */
  approvalRole = "approver";
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private statusBefore: RunStatus;
  private figuresWritten = "";

  constructor(
    readonly run: { id: string; epicId: string; projectId: string; phase: string; maxTurns: number; timeoutSec: number },
    /** The run's row as last read; its figures are refreshed from memory for each update sent. */
    private summary: RunSummary,
    public seq: number,
    readonly figures: LiveFigures,
    readonly agentActor: Actor,
    private readonly hooks: {
      onTurnLimit: () => void;
      /** An agent asked for a tool: rules may answer before a person is asked (approvals.ts). */
      onApprovalRequest: (e: Extract<RunnerEvent, { kind: "approval_request" }>) => void;
      /** The agent withdrew a permission prompt itself (control_cancel_request). */
      onApprovalCancelled: (requestId: string) => void;
      /** Something for this run was written to the database (an answer reused at once): apply it. */
      poke: () => void;
    },
  ) {
    this.statusBefore = figures.status;
  }

  record(kind: string, data: Prisma.InputJsonValue, extra: Omit<Pending, "seq" | "kind" | "data" | "at"> = {}): number {
    const seq = ++this.seq;
    if (this.leaseLost) return seq;
    this.queue.push({ seq, kind, data, at: new Date(), ...extra });
    // A flush under way takes this event too (it drains the queue); only a new one needs a start.
    if (!this.flushing) void this.flush().catch((error) => console.error(`run ${this.run.id}: events could not be written`, error));
    return seq;
  }

  /** Every status change of a live run goes through the one transition table (lib/domain). */
  setStatus(status: RunStatus) {
    if (status === this.figures.status) return;
    if (!canTransition(this.figures.status, status)) {
      console.error(`run ${this.run.id}: refused status change ${this.figures.status} → ${status}`);
      return;
    }
    this.figures.status = status;
  }

  /** Waiting on a person while an approval or a decision is open; running otherwise. */
  settleStatus() {
    this.setStatus(this.pendingApprovals.size > 0 || this.openAgentDecisions > 0 ? "waiting" : "running");
  }

  /** Translates one runner event into run state and a persisted event. */
  intake(e: RunnerEvent) {
    const f = this.figures;
    switch (e.kind) {
      case "init":
        f.sessionId = e.sessionId;
        return this.record("init", { sessionId: e.sessionId, model: e.model, tools: e.tools.length }, { sessionId: e.sessionId });
      case "turn": {
        f.turns += 1;
        // Runners without receipts (automagik, command): what was delivered counts as taken in.
        const acked = this.receipts ? this.startedInputs.splice(0) : this.awaitingAck.splice(0);
        this.record("turn", { turn: f.turns, maxTurns: this.run.maxTurns });
        for (const id of acked) this.record("feedback", { feedbackId: id, status: "acknowledged" }, { feedback: { id, status: "acknowledged" } });
        if (f.turns > this.run.maxTurns) this.hooks.onTurnLimit();
        return;
      }
      case "text": {
        const asked = parseDecisionText(e.text);
        const metrics = metricsIn(e.text);
        const patterns = patternsIn(e.text);
        const extra = { ...(metrics.length ? { metrics } : {}), ...(patterns.length ? { patterns } : {}) };
        if (!asked) return this.record("text", { text: e.text }, extra);
        this.openAgentDecisions += 1;
        this.setStatus("waiting");
        f.currentAction = `Waiting for a decision: ${asked.title}`;
        return this.record("text", { text: e.text }, { decision: { source: "agent", ...asked } });
      }
      case "tool_use":
        f.currentAction = describeToolUse(e.name, e.input);
        return this.record("tool_use", { id: e.id, name: e.name, input: (e.input ?? null) as Prisma.InputJsonValue, action: f.currentAction });
      case "tool_result":
        return this.record("tool_result", { toolUseId: e.toolUseId, content: e.content, isError: e.isError, truncated: e.truncated }, metricsIn(e.content).length ? { metrics: metricsIn(e.content) } : {});
      case "todo_update":
        return this.record("todo_update", { todos: e.todos }, { todos: e.todos });
      case "approval_request":
        this.pendingApprovals.set(e.requestId, e.input);
        return this.hooks.onApprovalRequest(e);
      case "approval_cancelled":
        return this.hooks.onApprovalCancelled(e.requestId);
      case "input_started": {
        this.receipts = true;
        const i = this.awaitingAck.indexOf(e.inputId);
        if (i >= 0) this.startedInputs.push(...this.awaitingAck.splice(i, 1));
        return;
      }
      case "feedback_delivered":
        this.awaitingAck.push(e.feedbackId);
        return this.record("feedback", { feedbackId: e.feedbackId, status: "delivered" }, { feedback: { id: e.feedbackId, status: "delivered" } });
      case "result":
        this.lastResult = { subtype: e.subtype, isError: e.isError };
        this.answeredSinceResult = false;
        f.costUsd = this.costBase + e.costUsd;
        f.inputTokens = Math.max(f.inputTokens, e.inputTokens);
        f.outputTokens = Math.max(f.outputTokens, e.outputTokens);
        if (e.sessionId) f.sessionId = e.sessionId;
        f.resultSummary = e.text?.slice(0, 4000) ?? f.resultSummary;
        return this.record("result", { subtype: e.subtype, isError: e.isError, numTurns: e.numTurns, costUsd: e.costUsd, text: e.text, durationMs: e.durationMs });
      case "error":
        if (!this.startError) this.startError = e.message;
        return this.record("error", { message: e.message });
      case "log":
        return this.record("log", { stream: e.stream, line: e.line }, metricsIn(e.line).length ? { metrics: metricsIn(e.line) } : {});
    }
  }

  /** Resolves when everything recorded so far is committed and published. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      // Yield once so a burst of events (one stdout chunk) lands in one transaction.
      await new Promise((r) => setImmediate(r));
      while (this.queue.length) await this.writeDurably(this.queue.splice(0));
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /**
   * Writes a batch, retrying while the database is out of reach (a restart): the agent goes on,
   * its events wait here in order. A retry first checks whether the failed attempt did commit
   * (the connection dropped after COMMIT), so no event is written twice.
   */
  private async writeDurably(batch: Pending[]) {
    let tried = false;
    await retryDb(`run ${this.run.id}: events ${batch[0].seq}–${batch.at(-1)!.seq}`, async () => {
      if (this.leaseLost) return;
      if (tried) {
        // Back after an outage: still ours? (A long one lets the lease lapse and another node take
        // the run; then this copy stops, and writes nothing that would collide with its seqs.)
        const { count } = await getDb().run.updateMany({ where: { id: this.run.id, ownerId: NODE_ID }, data: { leaseUntil: leaseFromNow() } });
        if (count === 0) return this.loseLease();
        if (await getDb().runEvent.findUnique({ where: { runId_seq: { runId: this.run.id, seq: batch[0].seq } }, select: { id: true } })) {
          publishRunEvents(this.published(batch));
          return;
        }
      }
      tried = true;
      await this.writeBatch(batch);
    }, 30 * 60_000);
  }

  /** A batch as browsers receive it. */
  private published(batch: Pending[]) {
    return batch.map((p) => ({ v: 1 as const, runId: this.run.id, seq: p.seq, kind: p.kind, data: p.data, at: p.at.toISOString() }));
  }

  /** Another node holds the run now: stop this copy of the agent and write nothing more. */
  loseLease() {
    if (this.leaseLost) return;
    this.leaseLost = true;
    this.queue.length = 0;
    console.error(`run ${this.run.id}: another node took it over while this one could not reach the database; stopping this copy`);
    this.handle?.kill();
  }

  private async writeBatch(batch: Pending[]) {
    const f = this.figures;
    const statusChanged = f.status !== this.statusBefore;
    const status = f.status;
    const lastSeq = batch.at(-1)!.seq;
    const events = this.published(batch);
    if (!statusChanged && !batch.some((p) => p.feedback || p.todos || p.sessionId || p.decision || p.metrics || p.patterns)) {
      // Plain events (the vast majority): the coalescing writer, shared by every live run.
      const figures = JSON.stringify(f);
      await runEventWriter.write(this.run.id, batch, figures === this.figuresWritten ? null : { ...f });
      this.figuresWritten = figures;
      this.summary = { ...this.summary, ...f, lastSeq };
      publishRunEvents(events);
      publishRunUpdate({ v: 1, run: this.summary });
      return;
    }
    let boardSeq: number | null = null;
    let reused = false;
    const opened: { decision: { id: string; projectId: string; epicId: string | null; status: string; title: string }; seq: number }[] = [];
    const runRow = await getDb().$transaction(async (tx) => {
      await appendRunEvents(tx, this.run.id, batch);
      for (const p of batch) if (p.feedback) await updateFeedback(tx, p.feedback);
      const patterns = batch.flatMap((p) => p.patterns ?? []);
      if (patterns.length) await recordPatternUses(tx, this.run, patterns);
      const metrics = batch.flatMap((p) => p.metrics ?? []);
      if (metrics.length) {
        await tx.metricSample.createMany({ data: metrics.map((m) => ({ projectId: this.run.projectId, epicId: this.run.epicId, runId: this.run.id, phase: this.run.phase, name: m.name, value: m.value })) });
      }
      for (const p of batch) {
        if (!p.decision) continue;
        // The same question, answered on this epic before: answered again at once, shown as such.
        const reuse = p.decision.source === "agent" ? await earlierAnswerTo(tx, this.run.epicId, p.decision.title, p.decision.options) : null;
        if (reuse) reused = true;
        opened.push(await insertDecision(tx, this.agentActor, { ...p.decision, reuse, projectId: this.run.projectId, epicId: this.run.epicId, runId: this.run.id, runEventSeq: p.seq }));
      }
      const todos = batch.findLast((p) => p.todos)?.todos;
      const sessionId = batch.findLast((p) => p.sessionId)?.sessionId;
      if (todos) await mirrorAgentTodos(tx, this.run.epicId, this.run.phase, todos);
      if (sessionId) await tx.epic.update({ where: { id: this.run.epicId }, data: { sessionId } });
      if (statusChanged) await tx.epic.update({ where: { id: this.run.epicId }, data: { status: epicStatusFor(status) } });
      if (todos || statusChanged) {
        boardSeq = await recordAudit(tx, this.agentActor, {
          action: todos && !statusChanged ? "todo.agent_update" : `run.${status}`,
          objectType: "run",
          objectId: this.run.id,
          projectId: this.run.projectId,
          epicId: this.run.epicId,
          data: todos ? { todos: todos.length } : { status },
        });
      }
      return tx.run.update({ where: { id: this.run.id }, data: { ...f, lastSeq } });
    });
    this.statusBefore = status;
    this.figuresWritten = JSON.stringify(f);
    this.summary = toRunSummary(runRow);
    publishRunEvents(events);
    publishRunUpdate({ v: 1, run: this.summary });
    for (const o of opened) await announceDecision(o.decision, o.seq, this.agentActor.label);
    if (reused) this.hooks.poke();
    if (boardSeq !== null) {
      const card = await getCard(getDb(), this.run.epicId);
      publishBoardChange({ v: 1, seq: boardSeq, projectId: this.run.projectId, type: "todos:changed", epicId: this.run.epicId, card, actor: this.agentActor.label });
    }
  }
}

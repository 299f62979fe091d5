import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { FeedbackChange } from "@/lib/db/run-writes";
import { retryDb } from "@/lib/db/retry";
import { leaseFromNow, NODE_ID } from "./node-id";
import { getCard } from "@/lib/db/epics";
import { runEventWriter, type RunFigures } from "@/lib/db/run-event-writer";
import { toRunSummary, type NewEvent } from "@/lib/db/runs";
import type { RunSummary } from "@/lib/schemas/run";
import type { AgentResult, RunStatus } from "@/lib/domain/run-status";
import { announceDecision, type NewDecision } from "@/lib/services/decision-store";
import { canTransition } from "@/lib/domain/run-status";
import type { AgentTodo, RunnerEvent } from "@/lib/runners/events";
import type { RunHandle } from "@/lib/runners/types";
import { publishBoardChange, publishRunEvents, publishRunUpdate } from "@/lib/realtime/publish";
import { writeBatchWithEffects } from "./batch-effects";
import { intakeEvent } from "./intake";

export type Pending = NewEvent & {
  patterns?: string[];
  metrics?: { name: string; value: number }[];
  feedback?: FeedbackChange;
  todos?: AgentTodo[];
  sessionId?: string;
  decision?: Omit<NewDecision, "projectId" | "epicId" | "runId" | "runEventSeq">;
};

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
  /** Turns the run had before this process started (a resumed run goes on counting). */
  turnsBase = 0;
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
  /** Engine-internal (intake.ts): messages taken in, acknowledged at the next turn. */
  readonly startedInputs: string[] = [];
  receipts = false;
  /** The epic's worktree, once prepared: permission rules name paths relative to it. */
  cwd: string | null = null;
  /** The workspace is a git worktree of the epic's branch (else a scratch folder, no git). */
  inWorktree = false;
  /** An answer was sent to the agent and no result has come since: the run is not over until one does. */
  answeredSinceResult = false;
  /** Who may answer this run's tool approvals (the project's setting, read at launch). */
  approvalRole = "approver";
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private statusBefore: RunStatus;
  private figuresWritten = "";

  constructor(
    readonly run: {
      id: string;
      epicId: string;
      projectId: string;
      phase: string;
      maxTurns: number;
      timeoutSec: number;
      /** One of several agents tried at once: its todos and session stay its own until chosen. */
      trialId: string | null;
    },
    /** The run's row as last read; its figures are refreshed from memory for each update sent. */
    private summary: RunSummary,
    public seq: number,
    readonly figures: LiveFigures,
    readonly agentActor: Actor,
    readonly hooks: {
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

  record(
    kind: string,
    data: Prisma.InputJsonValue,
    extra: Omit<Pending, "seq" | "kind" | "data" | "at"> = {},
  ): number {
    const seq = ++this.seq;
    if (this.leaseLost) return seq;
    this.queue.push({ seq, kind, data, at: new Date(), ...extra });
    // A flush under way takes this event too (it drains the queue); only a new one needs a start.
    if (!this.flushing)
      void this.flush().catch((error) =>
        console.error(`run ${this.run.id}: events could not be written`, error),
      );
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
    this.setStatus(
      this.pendingApprovals.size > 0 || this.openAgentDecisions > 0 ? "waiting" : "running",
    );
  }

  /** Translates one runner event into run state and a persisted event (intake.ts). */
  intake(e: RunnerEvent) {
    intakeEvent(this, e);
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
    await retryDb(
      `run ${this.run.id}: events ${batch[0].seq}–${batch.at(-1)!.seq}`,
      async () => {
        if (this.leaseLost) return;
        if (tried) {
          // Back after an outage: still ours? (A long one lets the lease lapse and another node take
          // the run; then this copy stops, and writes nothing that would collide with its seqs.)
          const { count } = await getDb().run.updateMany({
            where: { id: this.run.id, ownerId: NODE_ID },
            data: { leaseUntil: leaseFromNow() },
          });
          if (count === 0) return this.loseLease();
          if (
            await getDb().runEvent.findUnique({
              where: { runId_seq: { runId: this.run.id, seq: batch[0].seq } },
              select: { id: true },
            })
          ) {
            publishRunEvents(this.published(batch));
            return;
          }
        }
        tried = true;
        await this.writeBatch(batch);
      },
      30 * 60_000,
    );
  }

  /** A batch as browsers receive it. */
  private published(batch: Pending[]) {
    return batch.map((p) => ({
      v: 1 as const,
      runId: this.run.id,
      seq: p.seq,
      kind: p.kind,
      data: p.data,
      at: p.at.toISOString(),
    }));
  }

  /** Another node holds the run now: stop this copy of the agent and write nothing more. */
  loseLease() {
    if (this.leaseLost) return;
    this.leaseLost = true;
    this.queue.length = 0;
    console.error(
      `run ${this.run.id}: another node took it over while this one could not reach the database; stopping this copy`,
    );
    this.handle?.kill();
  }

  private async writeBatch(batch: Pending[]) {
    const f = this.figures;
    const statusChanged = f.status !== this.statusBefore;
    const status = f.status;
    const lastSeq = batch.at(-1)!.seq;
    const events = this.published(batch);
    if (
      !statusChanged &&
      !batch.some(
        (p) => p.feedback || p.todos || p.sessionId || p.decision || p.metrics || p.patterns,
      )
    ) {
      // Plain events (the vast majority): the coalescing writer, shared by every live run.
      const figures = JSON.stringify(f);
      await runEventWriter.write(
        this.run.id,
        batch,
        figures === this.figuresWritten ? null : { ...f },
      );
      this.figuresWritten = figures;
      this.summary = { ...this.summary, ...f, lastSeq };
      publishRunEvents(events);
      publishRunUpdate({ v: 1, run: this.summary });
      return;
    }
    const { runRow, opened, boardSeq, reused } = await getDb().$transaction((tx) =>
      writeBatchWithEffects(tx, this.run, this.agentActor, batch, { ...f, lastSeq }, statusChanged),
    );
    this.statusBefore = status;
    this.figuresWritten = JSON.stringify(f);
    this.summary = toRunSummary(runRow);
    publishRunEvents(events);
    publishRunUpdate({ v: 1, run: this.summary });
    for (const o of opened) await announceDecision(o.decision, o.seq, this.agentActor.label);
    if (reused) this.hooks.poke();
    if (boardSeq !== null) {
      const card = await getCard(getDb(), this.run.epicId);
      publishBoardChange({
        v: 1,
        seq: boardSeq,
        projectId: this.run.projectId,
        type: "todos:changed",
        epicId: this.run.epicId,
        card,
        actor: this.agentActor.label,
      });
    }
  }
}

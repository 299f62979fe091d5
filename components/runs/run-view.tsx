"use client";
import { isActiveRun } from "@/lib/domain/run-status";
import { useMemo } from "react";
import { toast } from "sonner";
import { LiveIndicator } from "@/components/board/live-indicator";
import { useCan } from "@/components/layout/permissions";
import { Button } from "@/components/ui/button";
import { killRunAction } from "@/lib/actions/kill-run";
import { stopRunAction } from "@/lib/actions/stop-run";
import { useRunLive } from "@/lib/realtime/use-run-live";
import type { RunEventRow, RunSummary } from "@/lib/schemas/run";
import { DecisionCard } from "@/components/decisions/decision-card";
import { useMe } from "@/components/layout/permissions";
import { mayAnswer } from "@/lib/domain/decisions";
import { useDecisions } from "@/lib/queries/decisions";
import { FeedbackComposer, type Receipt } from "./feedback-composer";
import { RunHeader } from "./run-header";
import { RunTranscript } from "./run-transcript";
import { plural } from "@/lib/utils/format";

type Props = {
  run: RunSummary;
  epic: { number: number; title: string };
  projectSlug: string;
  files: { path: string; status: string }[];
  feedback: Receipt[];
};

function receiptsFrom(initial: Receipt[], events: RunEventRow[]): Receipt[] {
  const byId = new Map(initial.map((r) => [r.id, { ...r }]));
  for (const e of events) {
    if (e.kind !== "feedback") continue;
    const d = e.data as {
      feedbackId: string;
      status: string;
      message?: string;
      error?: string;
      note?: string;
    };
    const r = byId.get(d.feedbackId) ?? {
      id: d.feedbackId,
      message: d.message ?? "",
      status: d.status,
      error: null,
      note: null,
    };
    // Receipts only move forward (a replayed "queued" never undoes "acknowledged").
    const order = ["queued", "delivered", "acknowledged", "failed"];
    if (order.indexOf(d.status) >= order.indexOf(r.status)) r.status = d.status;
    if (d.message) r.message = d.message;
    r.error = d.error ?? r.error;
    // Why it still waits (ACP: "queued until the turn ends"), until it moves on.
    r.note = r.status === "queued" ? (d.note ?? r.note ?? null) : null;
    byId.set(d.feedbackId, r);
  }
  return [...byId.values()];
}

export function RunView(props: Props) {
  const live = useRunLive(props.run);
  const { run, feedback, state } = live;
  const active = isActiveRun(run.status);
  const canSteer = useCan("run:steer");
  const canAnswerApprovals = useCan("approval:answer");
  const canAnswerDecisions = useCan("decision:answer");
  const receipts = useMemo(
    () => receiptsFrom(props.feedback, feedback),
    [props.feedback, feedback],
  );
  const decisions = useDecisions({ runId: props.run.id, status: "open" });
  const me = useMe();

  const control = async (how: "stop" | "kill") => {
    const r = await (how === "stop" ? stopRunAction : killRunAction)({ runId: run.id });
    if (!r.ok) toast.error(r.message);
  };

  return (
    <div className="flex h-[calc(100vh-3.5rem)] flex-col">
      <RunHeader
        run={run}
        epic={props.epic}
        projectSlug={props.projectSlug}
        files={props.files}
        actions={
          // In the header's own row (it wraps on a phone), never over the title.
          <div className="ml-auto flex items-center gap-2">
            <LiveIndicator state={state} />
            {active && canSteer && (
              <>
                <Button variant="secondary" size="sm" onClick={() => void control("stop")}>
                  Stop
                </Button>
                <Button variant="danger" size="sm" onClick={() => void control("kill")}>
                  Kill
                </Button>
              </>
            )}
          </div>
        }
      />
      <RunTranscript live={live} />
      {(decisions.data ?? []).length > 0 && (
        // At most a third of the height, and foldable: the transcript stays the page's main part.
        <details
          open
          className="group max-h-[33vh] overflow-y-auto border-t border-amber-200 bg-amber-50 px-5 py-2"
          data-testid="run-decisions"
        >
          <summary className="cursor-pointer py-1 text-sm font-semibold text-amber-900">
            {plural((decisions.data ?? []).length, "decision")} waiting on this run
            <span className="ml-2 text-xs font-normal group-open:hidden">(show)</span>
          </summary>
          <div className="space-y-2 pb-1">
            {(decisions.data ?? []).map((d) => (
              <DecisionCard
                key={d.id}
                decision={d}
                active
                role={me.role}
                canAnswer={
                  me.role !== null &&
                  (d.source === "tool_approval" ? canAnswerApprovals : canAnswerDecisions) &&
                  mayAnswer(me.role, d.answerRole)
                }
              />
            ))}
          </div>
        </details>
      )}
      {canSteer ? (
        <FeedbackComposer runId={run.id} active={active} receipts={receipts} />
      ) : (
        <p className="border-t border-slate-200 bg-surface px-5 py-3 text-sm text-slate-500">
          You can watch this run; steering it needs the developer role.
        </p>
      )}
    </div>
  );
}

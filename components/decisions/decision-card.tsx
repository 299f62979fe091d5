"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Markdown } from "@/components/ui/markdown";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { answerApprovalAction } from "@/lib/actions/answer-approval";
import { answerDecisionAction } from "@/lib/actions/answer-decision";
import { ALWAYS_ALLOW, mayAddRule } from "@/lib/domain/decisions";
import type { Role } from "@/lib/domain/permissions";
import type { DecisionSummary } from "@/lib/schemas/decision";
import { cn } from "@/lib/utils/cn";
import { LocalTime } from "@/components/ui/local-time";

const URGENCY_TONE: Record<string, Tone> = {
  low: "slate",
  normal: "sky",
  high: "amber",
  critical: "red",
};
const SOURCE_LABEL: Record<string, string> = {
  tool_approval: "Tool approval",
  agent: "Agent asks",
  manager: "Manager asks",
  gate: "Phase gate",
};

function due(deadline: string | null): { text: string; overdue: boolean } | null {
  if (!deadline) return null;
  const ms = Date.parse(deadline) - Date.now();
  const abs = Math.abs(ms);
  const span =
    abs < 3_600_000
      ? `${Math.max(1, Math.round(abs / 60_000))} min`
      : abs < 86_400_000
        ? `${Math.round(abs / 3_600_000)} h`
        : `${Math.round(abs / 86_400_000)} d`;
  return ms >= 0
    ? { text: `due in ${span}`, overdue: false }
    : { text: `overdue by ${span}`, overdue: true };
}

type Props = {
  decision: DecisionSummary;
  canAnswer: boolean;
  role?: Role | null;
  active?: boolean;
  onFocus?: () => void;
};

/** What became of a decision that is not open, in words. */
function outcomeLabel(d: DecisionSummary): string {
  if (d.status === "withdrawn") return "Withdrawn";
  if (d.status === "auto_applied")
    return d.reusedFromId
      ? `Answered at once with the ${d.answeredByLabel?.toLowerCase() ?? "earlier answer"}`
      : "Auto-applied at the deadline";
  if (d.status === "answered") return `Answered by ${d.answeredByLabel}`;
  return d.status;
}

/** One DECISION NEEDED card. When active, 1–6 choose an option and Enter (Ctrl+Enter in the comment) sends. */
export function DecisionCard({
  decision: d,
  canAnswer,
  role = null,
  active = false,
  onFocus,
}: Props) {
  const [option, setOption] = useState<string | null>(d.recommendation?.option ?? null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(crypto.randomUUID());
  const ref = useRef<HTMLElement>(null);
  const when = due(d.deadline);
  // An answer reused from an earlier decision stays open to change until its deadline.
  const [changing, setChanging] = useState(false);
  const changeable =
    d.status === "auto_applied" && d.reusedFromId !== null && !when?.overdue && canAnswer;
  const open = d.status === "open" || changing;
  // "Always allow" adds a project rule: approvers and above (a developer answering a run's approval sees Allow and Deny).
  const options = d.options.filter(
    (o) => o.key !== ALWAYS_ALLOW || (role !== null && mayAddRule(role)),
  );

  const send = async () => {
    if (!option || sending) return setError(option ? null : "Choose an option first.");
    setSending(true);
    // A tool approval is answered through its run (the developer steering it may, where the project allows).
    const r =
      d.source === "tool_approval" && d.runId && d.requestId && d.status === "open"
        ? await answerApprovalAction({
            runId: d.runId,
            requestId: d.requestId,
            behavior: option,
            message: comment,
          })
        : await answerDecisionAction({ decisionId: d.id, option, comment, clientKey: key.current });
    setSending(false);
    setError(r.ok ? null : r.message);
    if (r.ok) setChanging(false);
  };

  useEffect(() => {
    if (!active || !open || !canAnswer) return;
    ref.current?.scrollIntoView({ block: "nearest" });
    const onKey = (e: KeyboardEvent) => {
      const typing =
        (e.target as HTMLElement).tagName === "TEXTAREA" ||
        (e.target as HTMLElement).tagName === "INPUT";
      const n = Number(e.key);
      if (!typing && n >= 1 && n <= options.length) {
        e.preventDefault();
        setOption(options[n - 1].key);
      } else if (e.key === "Enter" && (!typing || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void send();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <article
      ref={ref}
      onClick={onFocus}
      data-testid="decision"
      data-decision-id={d.id}
      data-status={d.status}
      aria-label={`Decision: ${d.title}`}
      className={cn(
        "rounded-lg bg-surface p-4 shadow-xs ring-1",
        active ? "ring-2 ring-indigo-500" : "ring-slate-200",
        d.escalatedAt && open && "ring-red-300",
      )}
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="text-[11px] font-bold uppercase tracking-wide text-amber-700">
          Decision needed
        </span>
        <Badge tone={URGENCY_TONE[d.urgency]}>{d.urgency}</Badge>
        <Badge>{SOURCE_LABEL[d.source]}</Badge>
        {when && (
          <span
            className={cn(
              "text-xs",
              when.overdue ? "font-semibold text-red-600" : "text-slate-500",
            )}
          >
            {when.text}
          </span>
        )}
        {d.escalatedAt && open && <Badge tone="red">escalated</Badge>}
        <span className="ml-auto flex gap-3 text-xs">
          {d.epicId && (
            <Link
              href={`/projects/${d.projectSlug}/board?epic=${d.epicId}`}
              className="text-indigo-600 hover:underline"
            >
              #{d.epicNumber} {d.epicTitle}
            </Link>
          )}
          {d.runId && (
            <Link href={`/runs/${d.runId}`} className="text-indigo-600 hover:underline">
              run
            </Link>
          )}
        </span>
      </header>
      <h3 className="mt-2 text-base font-semibold text-slate-900">{d.title}</h3>
      {d.context && (
        <div className="markdown mt-1 max-h-48 overflow-auto text-sm text-slate-700">
          <Markdown text={d.context} />
        </div>
      )}
      {d.impact && (
        <p className="mt-2 text-sm">
          <span className="font-medium text-slate-700">Impact:</span> {d.impact}
        </p>
      )}
      {d.recommendation && (
        <p className="mt-1 text-sm text-emerald-800">
          <span className="font-medium">
            Recommended: {d.options.find((o) => o.key === d.recommendation!.option)?.label}
          </span>
          {d.recommendation.why && ` — ${d.recommendation.why}`}
        </p>
      )}
      {open ? (
        <div className="mt-3 space-y-2">
          {!canAnswer ? (
            // Someone who cannot answer sees the options as they are: none looks chosen.
            <ul aria-label="Options" className="flex flex-wrap gap-2 text-sm">
              {options.map((o) => (
                <li
                  key={o.key}
                  title={o.description}
                  className="rounded-md px-3 py-1.5 text-slate-700 ring-1 ring-inset ring-slate-200"
                >
                  {o.label}
                  {d.recommendation?.option === o.key && (
                    <span className="ml-1 text-xs text-slate-500">(recommended)</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <div role="radiogroup" aria-label="Options" className="flex flex-wrap gap-2">
              {options.map((o, i) => (
                <button
                  key={o.key}
                  type="button"
                  role="radio"
                  aria-checked={option === o.key}
                  disabled={!canAnswer}
                  title={o.description}
                  onClick={() => setOption(o.key)}
                  className={cn(
                    "rounded-md px-3 py-1.5 text-sm ring-1 ring-inset disabled:cursor-not-allowed",
                    option === o.key
                      ? "bg-accent text-white ring-indigo-600"
                      : "bg-surface text-slate-700 ring-slate-300 hover:bg-slate-50",
                  )}
                >
                  <span className="mr-1.5 text-xs opacity-75">{i + 1}</span>
                  {o.label}
                  {d.recommendation?.option === o.key && (
                    <span className="ml-1 text-xs opacity-80">(recommended)</span>
                  )}
                </button>
              ))}
            </div>
          )}
          {canAnswer ? (
            <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <Textarea
                aria-label="Comment"
                rows={1}
                placeholder="Comment (sent with the answer; the reason, when denying)"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                className="flex-1"
              />
              <Button onClick={() => void send()} disabled={sending}>
                {sending ? "Sending…" : "Send answer"}
              </Button>
            </div>
          ) : (
            <p className="text-xs text-slate-500">
              Answering needs the {d.answerRole} role or above.
            </p>
          )}
          {error && (
            <p role="alert" className="text-sm font-medium text-red-600">
              {error}
            </p>
          )}
        </div>
      ) : (
        <div
          className={cn(
            "mt-3 rounded-md px-3 py-2 text-sm",
            d.status === "withdrawn" ? "bg-slate-100 text-slate-500" : "bg-slate-50 text-slate-700",
          )}
          data-testid="decision-outcome"
        >
          {outcomeLabel(d)}
          {d.answerOption && (
            <>
              :{" "}
              <strong>
                {d.options.find((o) => o.key === d.answerOption)?.label ?? d.answerOption}
              </strong>
            </>
          )}
          {d.answerComment && ` — ${d.answerComment}`}
          {d.answeredAt && (
            <span className="text-xs text-slate-500">
              {" "}
              · <LocalTime iso={d.answeredAt} />
            </span>
          )}
          {changeable && (
            <Button variant="secondary" className="ml-2" onClick={() => setChanging(true)}>
              Change answer
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

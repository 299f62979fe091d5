"use client";
import { useEffect, useMemo, useState } from "react";
import { useCan, useMe } from "@/components/layout/permissions";
import { Input, Select } from "@/components/ui/field";
import { mayAnswer } from "@/lib/domain/decisions";
import { useDecisions } from "@/lib/queries/decisions";
import type { DecisionSummary } from "@/lib/schemas/decision";
import { DecisionCard } from "./decision-card";
import { NotificationToggle } from "./notification-toggle";

type Props = {
  projects: { id: string; slug: string; name: string }[];
  epic: { id: string; number: number; title: string } | null;
  /** Text to look for at first (e.g. from the command palette). */
  q?: string;
};

const matches = (d: DecisionSummary, q: string) =>
  !q || `${d.title}\n${d.context}\n${d.impact}`.toLowerCase().includes(q.toLowerCase());

/** The approvers' inbox. j/k move between open decisions; 1–6 choose; Enter sends. */
export function DecisionInbox({ projects, epic, q: initialQ = "" }: Props) {
  const [q, setQ] = useState(initialQ);
  const [projectId, setProjectId] = useState("");
  const [source, setSource] = useState("");
  const [epicId, setEpicId] = useState(epic?.id ?? "");
  const filter = {
    ...(projectId ? { projectId } : {}),
    ...(source ? { source } : {}),
    ...(epicId ? { epicId } : {}),
  };
  const open = useDecisions({ status: "open", ...filter });
  const closed = useDecisions({ status: "closed", ...filter });
  const me = useMe();
  const canAnswerAny = useCan("decision:answer");
  const [active, setActive] = useState(0);
  const list = useMemo<DecisionSummary[]>(
    () => (open.data ?? []).filter((d) => matches(d, q.trim())),
    [open.data, q],
  );
  const answered = (closed.data ?? []).filter((d) => matches(d, q.trim()));

  useEffect(() => setActive((a) => Math.min(a, Math.max(0, list.length - 1))), [list.length]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement).tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
      if (e.key === "j") setActive((a) => Math.min(a + 1, list.length - 1));
      if (e.key === "k") setActive((a) => Math.max(a - 1, 0));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [list.length]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          type="search"
          aria-label="Search decisions"
          placeholder="Search decisions…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="w-56 py-1.5"
        />
        <Select
          aria-label="Project"
          value={projectId}
          onChange={(e) => setProjectId(e.target.value)}
          className="w-56 py-1.5"
        >
          <option value="">All projects</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Source"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          className="w-48 py-1.5"
        >
          <option value="">Every source</option>
          <option value="tool_approval">Tool approvals</option>
          <option value="agent">Agents</option>
          <option value="manager">Managers</option>
          <option value="gate">Phase gates</option>
        </Select>
        {epic && epicId && (
          <span className="rounded-full bg-indigo-50 px-2.5 py-1 text-xs text-indigo-800">
            #{epic.number} {epic.title}{" "}
            <button type="button" className="ml-1 underline" onClick={() => setEpicId("")}>
              show all
            </button>
          </span>
        )}
        <span className="hidden text-xs text-slate-500 sm:inline">
          j / k to move · 1–6 to choose · Enter to send
        </span>
        <span className="ml-auto">
          <NotificationToggle />
        </span>
      </div>
      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-sm font-semibold text-slate-600">
          Open <span data-testid="open-count">{list.length}</span>
        </h2>
        {open.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : list.length === 0 && q.trim() ? (
          <p className="text-sm text-slate-500">No open decision matches “{q.trim()}”.</p>
        ) : list.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
            Nothing waits on you. New decisions appear here as agents, gates and managers ask.
          </p>
        ) : (
          list.map((d, i) => (
            <DecisionCard
              key={d.id}
              decision={d}
              role={me.role}
              active={i === active}
              onFocus={() => setActive(i)}
              canAnswer={canAnswerAny && me.role !== null && mayAnswer(me.role, d.answerRole)}
            />
          ))
        )}
      </section>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-sm font-semibold text-slate-600">
          Answered
        </h2>
        {answered.length === 0 ? (
          <p className="text-sm text-slate-500">
            {q.trim()
              ? `No answered decision matches “${q.trim()}”.`
              : "No answered decisions yet."}
          </p>
        ) : (
          answered.map((d) => (
            <DecisionCard
              key={d.id}
              decision={d}
              role={me.role}
              canAnswer={canAnswerAny && me.role !== null && mayAnswer(me.role, d.answerRole)}
            />
          ))
        )}
      </section>
    </div>
  );
}

"use client";
import type { ReactNode } from "react";
import { Input, Select, Textarea } from "@/components/ui/field";
import { AGENT_NAMES, AGENTS, type AgentName } from "@/lib/domain/agents";
import type { PhaseSpec, PipelineSpec } from "@/lib/schemas/pipeline";

const NEW_PHASE: PhaseSpec = {
  key: "NEW_PHASE",
  name: "New phase",
  workflow: "review",
  runner: "claude-code",
  agent: "claude-code",
  model: null,
  prompt: "Work on {feature_name}.\n\n{handoff}",
  command: null,
  maxTurns: 30,
  timeoutSec: 1800,
  autoAdvance: false,
  approvalRequired: false,
  continueSession: true,
  gate: { runSucceeded: true, todosCompleted: true, metrics: [], approval: false, review: "none" },
};

/** What does a phase's work: a coding agent, or a shell command, or a remote Automagik server. */
const WORKERS: { value: string; label: string }[] = [
  ...AGENT_NAMES.map((a) => ({ value: a, label: AGENTS[a].label })),
  { value: "runner:command", label: "Shell command" },
  { value: "runner:automagik", label: "Automagik server" },
];
const workerOf = (p: PhaseSpec) => p.agent ?? `runner:${p.runner}`;
function workerPatch(value: string): Partial<PhaseSpec> {
  if (value.startsWith("runner:"))
    return { agent: null, model: null, runner: value.slice(7) as PhaseSpec["runner"] };
  const agent = value as AgentName;
  return { agent, runner: AGENTS[agent].runner };
}

/** A visible caption (and unit or hint) over a field whose accessible name says which phase. */
function Caption({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <span aria-hidden className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
        {label}
      </span>
      {children}
      {hint && (
        <span aria-hidden className="text-[11px] text-slate-500">
          {hint}
        </span>
      )}
    </div>
  );
}

export function PipelineForm({
  spec,
  onChange,
  readOnly,
}: {
  spec: PipelineSpec;
  onChange: (spec: PipelineSpec) => void;
  readOnly: boolean;
}) {
  const set = (i: number, patch: Partial<PhaseSpec>) =>
    onChange({ ...spec, phases: spec.phases.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const move = (i: number, by: number) => {
    const phases = [...spec.phases];
    const [p] = phases.splice(i, 1);
    phases.splice(i + by, 0, p);
    onChange({ ...spec, phases });
  };
  const num = (v: string) => (v === "" ? Number.NaN : Number(v));
  return (
    <fieldset disabled={readOnly} className="space-y-3" aria-label="Pipeline form">
      {spec.phases.map((p, i) => (
        <div
          key={i}
          className="rounded-lg bg-surface p-3 ring-1 ring-slate-200"
          data-testid="phase-form"
        >
          <div className="grid grid-cols-2 gap-2 md:grid-cols-6">
            <Caption label="Key" hint="shown on the lane">
              <Input
                aria-label={`Key of phase ${i + 1}`}
                value={p.key}
                onChange={(e) => set(i, { key: e.target.value.toUpperCase() })}
                className="font-mono"
              />
            </Caption>
            <Caption label="Name">
              <Input
                aria-label={`Name of phase ${i + 1}`}
                value={p.name}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </Caption>
            <Caption label="Workflow">
              <Input
                aria-label={`Workflow of phase ${i + 1}`}
                value={p.workflow}
                onChange={(e) => set(i, { workflow: e.target.value })}
              />
            </Caption>
            <Caption label="Agent">
              <Select
                aria-label={`Agent of phase ${i + 1}`}
                value={workerOf(p)}
                onChange={(e) => set(i, workerPatch(e.target.value))}
              >
                {WORKERS.map((w) => (
                  <option key={w.value} value={w.value}>
                    {w.label}
                  </option>
                ))}
              </Select>
            </Caption>
            <Caption label="Max turns" hint="agent turns, then it stops">
              <Input
                aria-label={`Max turns of phase ${i + 1}`}
                type="number"
                min={1}
                value={Number.isNaN(p.maxTurns) ? "" : p.maxTurns}
                onChange={(e) => set(i, { maxTurns: num(e.target.value) })}
              />
            </Caption>
            <Caption
              label="Timeout (seconds)"
              hint={
                Number.isFinite(p.timeoutSec) && p.timeoutSec >= 60
                  ? `= ${Math.round(p.timeoutSec / 6) / 10} min`
                  : undefined
              }
            >
              <Input
                aria-label={`Timeout (s) of phase ${i + 1}`}
                type="number"
                min={1}
                value={Number.isNaN(p.timeoutSec) ? "" : p.timeoutSec}
                onChange={(e) => set(i, { timeoutSec: num(e.target.value) })}
              />
            </Caption>
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-4 text-sm">
            {(["autoAdvance", "approvalRequired", "continueSession"] as const).map((k) => (
              <label key={k} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={p[k]}
                  onChange={(e) => set(i, { [k]: e.target.checked })}
                />
                {k === "autoAdvance"
                  ? "Auto-advance"
                  : k === "approvalRequired"
                    ? "Approval before start"
                    : "Continue the agent session"}
              </label>
            ))}
            <label className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={p.gate.todosCompleted}
                onChange={(e) => set(i, { gate: { ...p.gate, todosCompleted: e.target.checked } })}
              />
              Gate: todos completed
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={p.gate.approval}
                onChange={(e) => set(i, { gate: { ...p.gate, approval: e.target.checked } })}
              />
              Gate: approval
            </label>
            <label className="flex items-center gap-1.5">
              Gate: review
              <select
                value={p.gate.review}
                aria-label={`Review gate of phase ${i + 1}`}
                onChange={(e) =>
                  set(i, {
                    gate: { ...p.gate, review: e.target.value as typeof p.gate.review },
                  })
                }
                className="rounded border border-slate-300 px-1 py-0.5 text-xs"
              >
                <option value="none">none</option>
                <option value="person">by a person</option>
                <option value="agent">by the agent (VERDICT line)</option>
              </select>
            </label>
            <span className="ml-auto flex gap-2">
              <button
                type="button"
                aria-label={`Move phase ${i + 1} up`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
                className="px-1 text-slate-500 disabled:opacity-30"
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move phase ${i + 1} down`}
                disabled={i === spec.phases.length - 1}
                onClick={() => move(i, 1)}
                className="px-1 text-slate-500 disabled:opacity-30"
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove phase ${i + 1}`}
                onClick={() => onChange({ ...spec, phases: spec.phases.filter((_, j) => j !== i) })}
                className="px-1 text-red-600"
              >
                Remove
              </button>
            </span>
          </div>
          {(p.agent || p.runner === "command") && (
            <div className="mt-2 grid gap-2 md:grid-cols-2">
              {p.agent && (
                <Caption label="Model" hint="empty: the agent's default">
                  <Input
                    aria-label={`Model of phase ${i + 1}`}
                    placeholder="sonnet, gpt-5, gemini-2.5-pro…"
                    value={p.model ?? ""}
                    onChange={(e) => set(i, { model: e.target.value || null })}
                    className="font-mono"
                  />
                </Caption>
              )}
              {(p.runner === "command" || p.agent === "custom") && (
                <Caption
                  label={p.agent === "custom" ? "Agent command line" : "Command"}
                  hint={
                    p.agent === "custom"
                      ? "an ACP agent on stdio, like my-agent --acp"
                      : "runs in the epic's worktree; exit code 0 = success"
                  }
                >
                  <Input
                    aria-label={`Command of phase ${i + 1}`}
                    placeholder={p.agent === "custom" ? "my-agent --acp" : "npm test"}
                    value={p.command ?? ""}
                    onChange={(e) => set(i, { command: e.target.value })}
                    className="font-mono"
                  />
                </Caption>
              )}
            </div>
          )}
          <details className="mt-2">
            <summary className="cursor-pointer text-xs text-slate-500">Prompt template</summary>
            <Textarea
              aria-label={`Prompt of phase ${i + 1}`}
              rows={4}
              value={p.prompt}
              onChange={(e) => set(i, { prompt: e.target.value })}
              className="mt-1 font-mono text-xs"
            />
          </details>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange({
            ...spec,
            phases: [...spec.phases, { ...NEW_PHASE, key: `PHASE_${spec.phases.length + 1}` }],
          })
        }
        className="text-sm text-indigo-600 hover:underline"
      >
        + Add a phase
      </button>
    </fieldset>
  );
}

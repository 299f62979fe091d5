"use client";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { usePatternSearch, type PatternRow } from "@/lib/queries/patterns";

type Props = {
  phase: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onStart: (patternIds: string[]) => Promise<void>;
};

/** Start a phase with patterns picked from the library: the agent reads them after its prompt. */
export function StartWithPatterns({ phase, open, onOpenChange, onStart }: Props) {
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState<PatternRow[]>([]);
  const [busy, setBusy] = useState(false);
  const { data, isPending, error } = usePatternSearch(useDeferredValue(q), open);
  const toggle = (p: PatternRow) =>
    setPicked((list) =>
      list.some((x) => x.id === p.id)
        ? list.filter((x) => x.id !== p.id)
        : list.length >= 10
          ? list
          : [...list, p],
    );
  const start = async () => {
    setBusy(true);
    try {
      await onStart(picked.map((p) => p.id));
      setPicked([]);
      onOpenChange(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Start ${phase} with patterns`}
      description="The agent gets the picked patterns after its prompt; the run records them as used."
    >
      <div className="space-y-3">
        <Input
          autoFocus
          aria-label="Search patterns"
          placeholder="Search the pattern library…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {error && (
          <p role="alert" className="text-sm text-red-600">
            {error.message}
          </p>
        )}
        {isPending && <p className="text-sm text-slate-500">Loading patterns…</p>}
        {data && data.length === 0 && (
          <p className="text-sm text-slate-500">
            {q ? "No pattern matches." : "The library is empty: add patterns on the Patterns page."}
          </p>
        )}
        <ul className="max-h-72 space-y-1 overflow-y-auto" aria-label="Patterns">
          {data?.map((p) => (
            <li key={p.id}>
              <label className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={picked.some((x) => x.id === p.id)}
                  onChange={() => toggle(p)}
                />
                <span className="min-w-0">
                  <span className="block text-sm font-medium">{p.name}</span>
                  {p.description && (
                    <span className="block truncate text-xs text-slate-500">{p.description}</span>
                  )}
                </span>
                <span className="ml-auto shrink-0 text-xs tabular-nums text-slate-500">
                  used {p.usageCount}×
                </span>
              </label>
            </li>
          ))}
        </ul>
        <div className="flex items-center justify-between border-t border-slate-100 pt-3">
          <p className="text-xs text-slate-500" aria-live="polite">
            {picked.length
              ? `Picked: ${picked.map((p) => p.name).join(", ")}`
              : "Pick up to 10 patterns."}
          </p>
          <Button onClick={start} disabled={busy || picked.length === 0}>
            {busy
              ? "Starting…"
              : `▶ Start ${phase} with ${picked.length} pattern${picked.length === 1 ? "" : "s"}`}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

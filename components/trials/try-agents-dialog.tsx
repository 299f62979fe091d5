"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { startTrialAction } from "@/lib/actions/trials";
import { AGENTS } from "@/lib/domain/agents";
import { TRIAL_AGENTS } from "@/lib/schemas/trial";

type Pick = { on: boolean; model: string };

/** Start the epic's phase with two or three agents (or models) at once, then compare them. */
export function TryAgentsDialog({
  epicId,
  phase,
  open,
  onOpenChange,
}: {
  epicId: string;
  phase: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = TRIAL_AGENTS.filter((a) => picks[a]?.on);
  const set = (agent: string, patch: Partial<Pick>) =>
    setPicks((p) => ({ ...p, [agent]: { ...(p[agent] ?? { on: false, model: "" }), ...patch } }));
  const start = async () => {
    setBusy(true);
    setError(null);
    const r = await startTrialAction({
      epicId,
      tries: chosen.map((agent) => ({ agent, model: picks[agent].model || null })),
    });
    setBusy(false);
    if (!r.ok) return setError(Object.values(r.fieldErrors ?? {})[0] ?? r.message);
    toast.success(`${phase} started with ${chosen.length} agents`);
    onOpenChange(false);
    router.push(`/trials/${r.data.trialId}`);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Try ${phase} with several agents`}
      description="Each works in a worktree and branch of its own. Compare them, then continue with one: its branch goes on, the others are archived."
    >
      <fieldset>
        <legend className="mb-2 text-sm text-slate-700">Pick two or three</legend>
        <ul className="space-y-2">
          {TRIAL_AGENTS.map((agent) => (
            <li key={agent} className="flex items-center gap-3">
              <label className="flex w-56 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={picks[agent]?.on ?? false}
                  disabled={!picks[agent]?.on && chosen.length >= 3}
                  onChange={(e) => set(agent, { on: e.target.checked })}
                />
                {AGENTS[agent].label}
              </label>
              {picks[agent]?.on && (
                <Input
                  aria-label={`Model for ${AGENTS[agent].label}`}
                  placeholder="model (empty: its default)"
                  value={picks[agent].model}
                  onChange={(e) => set(agent, { model: e.target.value })}
                  className="h-8 flex-1 font-mono text-xs"
                />
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button onClick={start} disabled={busy || chosen.length < 2}>
          {busy ? "Starting…" : `▶ Start ${chosen.length || ""} tries`.replace("  ", " ")}
        </Button>
      </div>
    </Dialog>
  );
}

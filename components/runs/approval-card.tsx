"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { answerApprovalAction } from "@/lib/actions/answer-approval";

export type PendingApproval = { requestId: string; toolName: string; description: string | null; input: unknown };

/** The agent waits on this: allow the tool call, or deny it with a reason the agent hears. */
export function ApprovalCard({ runId, approval }: { runId: string; approval: PendingApproval }) {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const answer = async (behavior: "allow" | "deny") => {
    setBusy(true);
    const r = await answerApprovalAction({ runId, requestId: approval.requestId, behavior, message: reason });
    setBusy(false);
    if (!r.ok) toast.error(r.message);
  };
  return (
    <div className="border-t border-amber-200 bg-amber-50 px-5 py-3" role="region" aria-label="Approval needed" data-testid="approval">
      <p className="text-sm font-medium text-amber-900">
        The agent asks to use <strong>{approval.toolName}</strong>
        {approval.description ? `: ${approval.description}` : ""}
      </p>
      <pre className="mt-1 max-h-24 overflow-auto rounded bg-white/70 px-2 py-1 font-mono text-xs text-slate-700">{JSON.stringify(approval.input, null, 2)}</pre>
      <div className="mt-2 flex items-center gap-2">
        <Input aria-label="Reason (sent to the agent when denying)" placeholder="Reason, if you deny" value={reason} onChange={(e) => setReason(e.target.value)} className="max-w-md py-1.5" />
        <Button size="sm" disabled={busy} onClick={() => void answer("allow")}>
          Allow
        </Button>
        <Button size="sm" variant="danger" disabled={busy} onClick={() => void answer("deny")}>
          Deny
        </Button>
      </div>
    </div>
  );
}

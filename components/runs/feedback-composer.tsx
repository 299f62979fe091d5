"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { sendFeedbackAction } from "@/lib/actions/send-feedback";
import { cn } from "@/lib/utils/cn";
import { FEEDBACK_LABEL } from "./run-labels";

export type Receipt = {
  id: string;
  message: string;
  status: string;
  error: string | null;
  /** Why a queued message still waits, in the runner's words. */
  note?: string | null;
};

const TONE: Record<string, string> = {
  queued: "text-slate-500",
  delivered: "text-sky-600",
  acknowledged: "text-emerald-600",
  failed: "text-red-600",
};

/** Send feedback into the running agent; each message shows its receipt as it changes. */
export function FeedbackComposer({
  runId,
  active,
  receipts,
}: {
  runId: string;
  active: boolean;
  receipts: Receipt[];
}) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // One key per draft: a double click or a retry of the same message is delivered once.
  const key = useRef<string>(crypto.randomUUID());

  const send = async (mode: "send" | "interrupt") => {
    if (sending) return;
    setSending(true);
    const result = await sendFeedbackAction({ runId, message: text, mode, clientKey: key.current });
    setSending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.message ?? result.message);
      return;
    }
    setText("");
    setError(null);
    key.current = crypto.randomUUID();
    if (result.data.runId !== runId) {
      toast.success("The run had ended: continuing the agent's session in a follow-up run.");
      router.push(`/runs/${result.data.runId}`);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send("send");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      void send("send");
    }
  };

  return (
    <div className="border-t border-slate-200 bg-surface px-5 py-3">
      {receipts.length > 0 && (
        <ul
          className="mb-2 max-h-32 space-y-1 overflow-y-auto text-sm"
          data-testid="feedback-receipts"
        >
          {receipts.map((r) => (
            <li
              key={r.id}
              className="flex items-baseline gap-2"
              data-testid="receipt"
              data-status={r.status}
            >
              <span className={cn("w-20 shrink-0 text-xs font-medium", TONE[r.status])}>
                {FEEDBACK_LABEL[r.status] ?? r.status}
              </span>
              <span className="truncate text-slate-700">{r.message}</span>
              {r.note && (
                <span className="shrink-0 text-xs text-slate-500" data-testid="receipt-note">
                  {r.note}
                </span>
              )}
              {r.error && <span className="text-xs text-red-600">{r.error}</span>}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="flex items-end gap-2" noValidate>
        <div className="flex-1">
          <Textarea
            id="feedback"
            aria-label="Feedback for the agent"
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            invalid={!!error}
            placeholder={
              active
                ? "Tell the agent something; it reads it at its next step (Ctrl+Enter sends)"
                : "The run has ended: a message continues the agent's session in a follow-up run"
            }
          />
          {error && (
            <p id="feedback-error" role="alert" className="mt-1 text-xs font-medium text-red-600">
              {error}
            </p>
          )}
        </div>
        <div className="flex flex-col gap-1.5">
          <Button type="submit" disabled={sending}>
            {active ? "Send" : "Continue session"}
          </Button>
          {active && (
            <Button
              variant="secondary"
              size="sm"
              disabled={sending}
              onClick={() => void send("interrupt")}
            >
              Interrupt and send
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}

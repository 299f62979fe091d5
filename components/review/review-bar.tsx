"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { useCan } from "@/components/layout/permissions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { sendCommentsAction, submitReviewAction } from "@/lib/actions/review";
import { queryKeys } from "@/lib/queries/keys";
import { useEpicReview } from "@/lib/queries/review";
import { plural } from "@/lib/utils/format";
import { COMMENT_STATUS } from "./comment-thread";

const newKey = () => crypto.randomUUID();

/**
 * The epic's review: the caller's draft comments (a count badge) sent to the agent as one
 * message, the comments sent and addressed, and the verdict buttons.
 */
export function ReviewBar({ epicId, live }: { epicId: string; live: boolean }) {
  const client = useQueryClient();
  const canReview = useCan("review:write");
  const review = useEpicReview(epicId, live);
  // One key per batch: a double click or a retry sends the comments once.
  const [sendKey, setSendKey] = useState(newKey);
  const [verdictKey, setVerdictKey] = useState(newKey);
  const [asking, setAsking] = useState(false);
  const [words, setWords] = useState("");
  const [busy, setBusy] = useState(false);
  const comments = review.data?.comments ?? [];
  const drafts = comments.filter((c) => c.mine && c.status === "draft");
  const sent = comments.filter((c) => c.status !== "draft");
  const addressed = sent.filter((c) => c.status === "addressed").length;
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.review(epicId) });
  // A run that just ended may have addressed comments: read them once more.
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void refresh();
    wasLive.current = live;
  });

  const send = async () => {
    setBusy(true);
    const r = await sendCommentsAction({ epicId, clientKey: sendKey });
    setBusy(false);
    if (!r.ok) return void toast.error(r.message);
    setSendKey(newKey());
    toast.success(`${plural(r.data.sent, "comment")} sent to the agent`, {
      action: { label: "Open the run", onClick: () => location.assign(`/runs/${r.data.runId}`) },
    });
    await refresh();
  };
  const verdict = async (v: "approve" | "request_changes") => {
    setBusy(true);
    const r = await submitReviewAction({ epicId, verdict: v, body: words, clientKey: verdictKey });
    setBusy(false);
    if (!r.ok) return void toast.error(r.message);
    setVerdictKey(newKey());
    setAsking(false);
    setWords("");
    toast.success(
      v === "approve"
        ? r.data.movedTo
          ? `Approved: the epic moved to ${r.data.movedTo}`
          : "Approved"
        : r.data.sentTo
          ? "Changes requested: the agent has them"
          : "Changes requested",
    );
    await refresh();
    await client.invalidateQueries({ queryKey: queryKeys.epic(epicId) });
  };

  if (review.isPending) return null;
  const latest = review.data?.reviews[0];
  return (
    <section aria-label="Review" className="space-y-2 rounded-md p-2 text-xs ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-slate-600">Review</span>
        {drafts.length > 0 && (
          <Badge tone="amber" title="Your comments not sent yet">
            <span data-testid="draft-count">{drafts.length}</span>&nbsp;draft
            {drafts.length === 1 ? "" : "s"}
          </Badge>
        )}
        {sent.length > 0 && (
          <span className="text-slate-600">
            {plural(sent.length, "comment")} sent · {addressed} addressed
          </span>
        )}
        {latest && (
          <Badge tone={latest.verdict === "approve" ? "green" : "red"}>
            {latest.verdict === "approve" ? "Approved" : "Changes requested"} by{" "}
            {latest.authorLabel}
          </Badge>
        )}
        {canReview && (
          <span className="ml-auto flex gap-2">
            {drafts.length > 0 && (
              <Button size="sm" disabled={busy} onClick={() => void send()}>
                Send {plural(drafts.length, "comment")} to the agent
              </Button>
            )}
            <Button
              size="sm"
              variant="secondary"
              disabled={busy}
              onClick={() => void verdict("approve")}
            >
              Approve
            </Button>
            <Button size="sm" variant="danger" disabled={busy} onClick={() => setAsking((a) => !a)}>
              Request changes…
            </Button>
          </span>
        )}
      </div>
      {asking && (
        <div className="space-y-1">
          <label htmlFor={`changes-${epicId}`} className="block text-slate-600">
            What should change?{" "}
            {drafts.length > 0 && `(your ${plural(drafts.length, "comment")} go with it)`}
          </label>
          <textarea
            id={`changes-${epicId}`}
            rows={2}
            value={words}
            onChange={(e) => setWords(e.target.value)}
            className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <Button
            size="sm"
            variant="danger"
            disabled={busy}
            onClick={() => void verdict("request_changes")}
          >
            Request changes
          </Button>
        </div>
      )}
      {sent.length > 0 && (
        <ul className="space-y-0.5" aria-label="Comments sent to the agent">
          {sent.map((c) => (
            <li key={c.id} className="flex gap-2" data-testid="sent-comment" data-status={c.status}>
              <span className="font-mono text-slate-600">
                {c.path}:{c.line}
              </span>
              <span className="flex-1 truncate">{c.body}</span>
              <Badge tone={COMMENT_STATUS[c.status].tone}>{COMMENT_STATUS[c.status].label}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

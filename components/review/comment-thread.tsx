"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { addCommentAction, removeCommentAction } from "@/lib/actions/review";
import { queryKeys } from "@/lib/queries/keys";
import type { CommentView } from "@/lib/schemas/review";

export const COMMENT_STATUS: Record<
  CommentView["status"],
  { label: string; tone: "slate" | "sky" | "green" }
> = {
  draft: { label: "Draft: not sent yet", tone: "slate" },
  sent: { label: "Sent to the agent", tone: "sky" },
  addressed: { label: "Addressed ✓", tone: "green" },
};

/** The comments on one line, under it in the diff. */
export function CommentThread({ epicId, comments }: { epicId: string; comments: CommentView[] }) {
  const client = useQueryClient();
  const remove = async (id: string) => {
    const r = await removeCommentAction({ id });
    if (!r.ok) return void toast.error(r.message);
    await client.invalidateQueries({ queryKey: queryKeys.review(epicId) });
  };
  return (
    <ul className="space-y-1 border-y border-slate-200 bg-amber-50/40 px-3 py-2 font-sans text-xs">
      {comments.map((c) => (
        <li key={c.id} data-testid="line-comment" data-status={c.status} className="flex gap-2">
          <span className="font-medium text-slate-700">{c.authorLabel}</span>
          <span className="flex-1 whitespace-pre-wrap text-slate-800">{c.body}</span>
          <Badge tone={COMMENT_STATUS[c.status].tone}>{COMMENT_STATUS[c.status].label}</Badge>
          {c.mine && c.status === "draft" && (
            <button
              type="button"
              onClick={() => void remove(c.id)}
              className="text-red-700 hover:underline"
              aria-label={`Remove the comment on line ${c.line}`}
            >
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Writing a comment on one line: a draft until the comments are sent together. */
export function CommentForm({
  epicId,
  runId,
  path,
  line,
  onDone,
}: {
  epicId: string;
  runId: string | null;
  path: string;
  line: number;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    const r = await addCommentAction({ epicId, runId, path, line, body });
    setSaving(false);
    if (!r.ok) return setError(Object.values(r.fieldErrors ?? {})[0] ?? r.message);
    await client.invalidateQueries({ queryKey: queryKeys.review(epicId) });
    onDone();
  };
  return (
    <form
      className="space-y-1 border-y border-slate-200 bg-surface px-3 py-2 font-sans"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="block text-xs text-slate-600" htmlFor={`comment-${path}-${line}`}>
        Comment on {path} line {line}
      </label>
      <textarea
        id={`comment-${path}-${line}`}
        autoFocus
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void save();
          if (e.key === "Escape") onDone();
        }}
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        placeholder="What should the agent change here?"
      />
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={saving || !body.trim()}>
          Add comment
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

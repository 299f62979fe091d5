"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useCan } from "@/components/layout/permissions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { openPullRequestAction, syncPullRequestAction } from "@/lib/actions/review";
import { usePullRequest } from "@/lib/queries/review";
import type { PullRequestView } from "@/lib/schemas/forge";

const CHECKS: Record<
  NonNullable<PullRequestView["checks"]>["state"],
  { text: string; tone: "green" | "red" | "amber" | "slate" }
> = {
  success: { text: "checks passed", tone: "green" },
  failure: { text: "checks failed", tone: "red" },
  pending: { text: "checks running", tone: "amber" },
  none: { text: "no checks", tone: "slate" },
};

/** The epic's pull request: pushed and opened from here, its state and checks, followed up by the agent. */
export function PullRequestPanel({ epicId, busy }: { epicId: string; busy: boolean }) {
  const client = useQueryClient();
  const canOpen = useCan("code:merge");
  const pr = usePullRequest(epicId);
  const [working, setWorking] = useState(false);
  const done = () => client.invalidateQueries({ queryKey: ["pull-request", epicId] });

  const open = async () => {
    setWorking(true);
    const r = await openPullRequestAction({ epicId });
    setWorking(false);
    if (!r.ok) return void toast.error(r.message);
    toast.success(`${r.data.created ? "Opened" : "Updated"} pull request #${r.data.number}`);
    await done();
  };
  const sync = async () => {
    setWorking(true);
    const r = await syncPullRequestAction({ epicId });
    setWorking(false);
    if (!r.ok) return void toast.error(r.message);
    if (r.data.note) toast.warning(r.data.note);
    else if (r.data.sentTo) toast.success("What failed went to the agent as a follow-up run");
    else toast.success("Pull request read");
    await done();
  };

  const p = pr.data;
  return (
    <section
      aria-label="Pull request"
      className="flex flex-wrap items-center gap-2 text-xs"
      data-testid="pull-request"
    >
      {p ? (
        <>
          <a
            href={p.url}
            target="_blank"
            rel="noreferrer"
            className="font-medium text-indigo-700 hover:underline"
          >
            Pull request #{p.number}
          </a>
          <Badge tone={p.state === "open" ? "sky" : p.state === "merged" ? "green" : "slate"}>
            {p.state}
          </Badge>
          {p.checks && (
            <Badge
              tone={CHECKS[p.checks.state].tone}
              title={p.checks.failed.join(", ") || undefined}
            >
              {p.checks.failed.length
                ? `✗ ${p.checks.failed.join(", ")}`
                : CHECKS[p.checks.state].text}
            </Badge>
          )}
          {p.fixRuns > 0 && <span className="text-slate-600">{p.fixRuns}/3 follow-ups used</span>}
        </>
      ) : (
        pr.isSuccess && <span className="text-slate-600">No pull request yet.</span>
      )}
      {canOpen && (
        <span className="ml-auto flex gap-2">
          {p && (
            <Button size="sm" variant="ghost" disabled={working} onClick={() => void sync()}>
              Refresh
            </Button>
          )}
          <Button
            size="sm"
            variant="secondary"
            disabled={working || busy}
            onClick={() => void open()}
          >
            {p && p.state === "open"
              ? "Push and update the pull request"
              : "Push and open a pull request"}
          </Button>
        </span>
      )}
    </section>
  );
}

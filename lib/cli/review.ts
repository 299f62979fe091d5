// `hiveboard diff | comment | comments | review | merge | resolve-conflicts`: reviewing an epic's code from a terminal.
import { randomUUID } from "node:crypto";
import { ApiError, type Api } from "./client";

export const REVIEW_USAGE = `  hiveboard diff <run-id> | --epic <epic-id> [--stat]   what a run (or the epic's branch) changed
  hiveboard comment <epic-id> <path>:<line> <text> [--run <run-id>]   a draft comment for the agent
  hiveboard comments list|send <epic-id>   your comments; send them to the agent as one message
  hiveboard review <epic-id> approve|request-changes [--comment C]
  hiveboard merge <epic-id> [--strategy merge|squash|rebase] [--dry-run]
  hiveboard resolve-conflicts <epic-id>   a run resolves what conflicts with the default branch
  hiveboard pr open|sync|status <epic-id>   push and open (or update) its pull request; read it back`;

export const REVIEW_COMMANDS = [
  "diff",
  "comment",
  "comments",
  "review",
  "merge",
  "resolve-conflicts",
];

type Out = { log: (line: string) => void };
type Flags = Record<string, string | boolean | string[] | undefined>;
const need = (value: string | undefined, what: string) => {
  if (!value) throw new ApiError(`Missing ${what}.\n\n${REVIEW_USAGE}`, 0, null);
  return value;
};
const key = () => `cli-${randomUUID()}`;
const print = (out: Out, json: boolean, value: unknown, text: string) =>
  out.log(json ? JSON.stringify(value, null, 2) : text);

type Comment = { path: string; line: number; body: string; status: string; authorLabel: string };

/** One review command; returns nothing (exit 0) or throws ApiError. */
export async function review(
  api: Api,
  group: string,
  args: string[],
  flags: Flags,
  out: Out,
  json: boolean,
): Promise<void> {
  const epic = flags.epic as string | undefined;
  switch (group) {
    case "diff": {
      const path = epic
        ? `/epics/${need(epic, "--epic <epic-id>")}/diff`
        : `/runs/${need(args[0], "<run-id> or --epic <epic-id>")}/diff`;
      if (!flags.stat && !json) return out.log(await api<string>("GET", `${path}?format=diff`));
      const d = await api<{ files: { path: string; added: number; removed: number }[] }>(
        "GET",
        `${path}?format=json`,
      );
      if (json) return out.log(JSON.stringify(d, null, 2));
      if (!d.files.length) return out.log("No file changed.");
      for (const f of d.files)
        out.log(`${`+${f.added}`.padStart(6)} ${`-${f.removed}`.padStart(6)}  ${f.path}`);
      return;
    }
    case "comment": {
      const id = need(args[0], "<epic-id>");
      const at = /^(.+):(\d+)$/.exec(need(args[1], "<path>:<line>"));
      if (!at) throw new ApiError(`Give the place as <path>:<line>, like src/app.ts:12.`, 0, null);
      const made = await api<{ id: string }>("POST", `/epics/${id}/comments`, {
        path: at[1],
        line: Number(at[2]),
        body: need(args.slice(2).join(" "), "<text>"),
        runId: (flags.run as string) ?? null,
      });
      return print(
        out,
        json,
        made,
        `Draft comment ${made.id} on ${at[1]}:${at[2]} (send it with: hiveboard comments send ${id})`,
      );
    }
    case "comments": {
      const [sub, id] = [args[0], need(args[1], "<epic-id>")];
      if (sub === "send") {
        const sent = await api<{ sent: number; runId: string }>(
          "POST",
          `/epics/${id}/comments/send`,
          {
            clientKey: key(),
          },
        );
        return print(
          out,
          json,
          sent,
          `Sent ${sent.sent} comment${sent.sent === 1 ? "" : "s"} to run ${sent.runId}.`,
        );
      }
      if (sub === "list") {
        const { comments } = await api<{ comments: Comment[] }>("GET", `/epics/${id}/comments`);
        if (json) return out.log(JSON.stringify(comments, null, 2));
        if (!comments.length) return out.log("No comments.");
        for (const c of comments)
          out.log(`${c.status.padEnd(9)} ${c.path}:${c.line}  ${c.body}  — ${c.authorLabel}`);
        return;
      }
      throw new ApiError(`Unknown: comments ${sub ?? ""}\n\n${REVIEW_USAGE}`, 0, null);
    }
    case "review": {
      const id = need(args[0], "<epic-id>");
      const verdict = need(args[1], "approve or request-changes").replace("-", "_");
      const r = await api<{
        verdict: string;
        movedTo: string | null;
        sentTo: { runId: string } | null;
      }>("POST", `/epics/${id}/review`, {
        verdict,
        body: (flags.comment as string) ?? "",
        clientKey: key(),
      });
      return print(
        out,
        json,
        r,
        r.verdict === "approve"
          ? `Approved${r.movedTo ? `: the epic moved to ${r.movedTo}` : "."}`
          : `Changes requested${r.sentTo ? `: run ${r.sentTo.runId} has them` : "."}`,
      );
    }
    case "merge": {
      const id = need(args[0], "<epic-id>");
      const r = await api<{
        merged: boolean;
        base: string;
        ahead: number;
        conflicts: string[];
        commit: string | null;
      }>("POST", `/epics/${id}/merge`, {
        strategy: (flags.strategy as string) ?? "merge",
        dryRun: Boolean(flags["dry-run"]),
      });
      return print(
        out,
        json,
        r,
        r.merged
          ? `Merged into ${r.base}: ${r.commit}`
          : r.conflicts.length
            ? `Conflicts with ${r.base}: ${r.conflicts.join(", ")}`
            : r.ahead
              ? `${r.ahead} commit${r.ahead === 1 ? "" : "s"} merge cleanly into ${r.base}.`
              : `Nothing to merge into ${r.base}.`,
      );
    }
    case "pr": {
      const [sub, id] = [args[0], need(args[1], "<epic-id>")];
      type Pr = {
        number: number;
        url: string;
        state: string;
        checks: { state: string; failed: string[] } | null;
        sentTo?: string | null;
        note?: string | null;
      };
      const r =
        sub === "open"
          ? await api<Pr>("POST", `/epics/${id}/pull-request`)
          : sub === "sync"
            ? await api<Pr>("POST", `/epics/${id}/pull-request/sync`)
            : sub === "status"
              ? await api<Pr>("GET", `/epics/${id}/pull-request`)
              : null;
      if (!r) throw new ApiError(`Unknown: pr ${sub ?? ""}\n\n${REVIEW_USAGE}`, 0, null);
      const checks = r.checks
        ? r.checks.failed.length
          ? `failed: ${r.checks.failed.join(", ")}`
          : r.checks.state
        : "not read yet";
      return print(
        out,
        json,
        r,
        [
          `Pull request #${r.number} (${r.state}) ${r.url}`,
          `Checks: ${checks}`,
          ...(r.sentTo ? [`Sent what failed to run ${r.sentTo}.`] : []),
          ...(r.note ? [r.note] : []),
        ].join("\n"),
      );
    }
    case "resolve-conflicts": {
      const id = need(args[0], "<epic-id>");
      const r = await api<{ runId: string; conflicts: string[] }>(
        "POST",
        `/epics/${id}/resolve-conflicts`,
      );
      return print(out, json, r, `Run ${r.runId} resolves ${r.conflicts.join(", ")}.`);
    }
  }
  throw new ApiError(`Unknown command ${group}.\n\n${REVIEW_USAGE}`, 0, null);
}

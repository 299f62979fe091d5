// Pure: reviewing an epic's code. Line comments gathered into one message for the agent, whether a
// later change touched a commented line, a reviewer agent's verdict line, and the task of a run
// that resolves merge conflicts.

export const REVIEW_VERDICTS = ["approve", "request_changes"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export const COMMENT_STATUSES = ["draft", "sent", "addressed"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export type LineComment = { path: string; line: number; quote: string; body: string };

/** One message for the agent: each comment with its file, line and the code it points at. */
export function reviewMessage(
  comments: LineComment[],
  opts: { by: string; summary?: string },
): string {
  const sorted = [...comments].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const n = sorted.length;
  const head = `Review comments on your work (${n}), from ${opts.by}:`;
  const items = sorted.map((c, i) => {
    const quote = c.quote
      .split("\n")
      .map((l) => `   > ${l}`)
      .join("\n");
    const body = c.body
      .split("\n")
      .map((l) => `   ${l}`)
      .join("\n");
    return `${i + 1}. ${c.path}, line ${c.line}:\n${quote}\n${body}`;
  });
  return [
    head,
    ...(opts.summary ? ["", opts.summary] : []),
    "",
    items.join("\n\n"),
    "",
    n === 1
      ? "Change the code this comment points at, then say what you changed."
      : "Change the code these comments point at, then say what you changed.",
  ].join("\n");
}

/**
 * Whether a change touched a line: `diff` is git's `diff -U0` of one file from the commit the
 * comment was written on; a hunk that removes or replaces the line, or inserts right at it, does.
 */
export function touchesLine(diff: string, line: number): boolean {
  for (const m of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count === 0 ? start === line || start + 1 === line : line >= start && line < start + count)
      return true;
  }
  return false;
}

/** A reviewer agent's verdict: a line `VERDICT: APPROVE` or `VERDICT: REQUEST_CHANGES` it printed. */
export function verdictIn(text: string): ReviewVerdict | null {
  const all = [...text.matchAll(/^\s*\**VERDICT\**:\s*\**\s*(APPROVED?|REQUEST[ _-]CHANGES)\b/gim)];
  const last = all.at(-1)?.[1]?.toUpperCase();
  if (!last) return null;
  return last.startsWith("APPROVE") ? "approve" : "request_changes";
}

export const MERGE_STRATEGIES = ["merge", "squash", "rebase"] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** The task of a run that resolves the conflicts Hiveboard left in the epic's worktree. */
export function conflictTask(base: string, branch: string, files: string[]): string {
  return [
    `Resolve the merge conflicts: Hiveboard merged ${base} into ${branch} and these files conflict:`,
    ...files.map((f) => `- ${f}`),
    "",
    "Edit each file so that both sides' intent survives, remove every conflict marker, and say what you decided. Hiveboard commits the merge when you are done.",
  ].join("\n");
}

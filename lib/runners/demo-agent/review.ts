import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// What the demo agent does with review work, as a real agent would: it edits the lines review
// comments point at, and resolves conflict markers by keeping both sides. It reads the messages
// Hiveboard writes (lib/domain/review.ts) the way an agent reads them: as text.

export type Edit = { file: string; before: string; after: string };

const inside = (cwd: string, file: string) => {
  const full = path.resolve(cwd, file);
  return full.startsWith(path.resolve(cwd) + path.sep) && existsSync(full) ? full : null;
};

/** "1. src/a.ts, line 3:" then quoted code ("   > …") and the comment's words. */
export function reviewComments(text: string): { file: string; line: number; body: string }[] {
  const out: { file: string; line: number; body: string }[] = [];
  for (const m of text.matchAll(/^\d+\. (.+), line (\d+):\n((?: {3}.*\n?)*)/gm)) {
    const body = m[3]
      .split("\n")
      .filter((l) => l.startsWith("   ") && !l.startsWith("   >"))
      .map((l) => l.trim())
      .join(" ");
    out.push({ file: m[1], line: Number(m[2]), body });
  }
  return out;
}

/** Changes each commented line (it says it was revised, and why). */
export function applyComments(text: string, cwd: string): Edit[] {
  const edits: Edit[] = [];
  for (const c of reviewComments(text)) {
    const full = inside(cwd, c.file);
    if (!full) continue;
    const lines = readFileSync(full, "utf8").split("\n");
    const before = lines[c.line - 1];
    if (before === undefined) continue;
    const after = `${before} (revised: ${c.body.slice(0, 80)})`;
    lines[c.line - 1] = after;
    writeFileSync(full, lines.join("\n"));
    edits.push({ file: c.file, before, after });
  }
  return edits;
}

const CONFLICT =
  /^<<<<<<< [^\n]*\n([\s\S]*?)^(?:\|\|\|\|\|\|\| [^\n]*\n[\s\S]*?)?=======\n([\s\S]*?)^>>>>>>> [^\n]*\n?/gm;

/** "Resolve the merge conflicts: …" then "- file" lines: each file's conflicts keep both sides. */
export function resolveConflicts(text: string, cwd: string): Edit[] {
  if (!/^Resolve the merge conflicts:/m.test(text)) return [];
  const edits: Edit[] = [];
  for (const m of text.matchAll(/^- (.+)$/gm)) {
    const full = inside(cwd, m[1]);
    if (!full) continue;
    const before = readFileSync(full, "utf8");
    const after = before.replace(CONFLICT, "$1$2");
    if (after === before) continue;
    writeFileSync(full, after);
    edits.push({ file: m[1], before, after });
  }
  return edits;
}

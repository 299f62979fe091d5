import gitDiffParser, { type File } from "gitdiff-parser";

// A unified diff (git's), read into files with hunks and +/− counts: what the diff view draws and
// what the REST API returns as JSON. gitdiff-parser is the parser react-diff-view itself uses; it
// is imported directly so the server never loads React components.

export type DiffFile = File & {
  added: number;
  removed: number;
  binary: boolean;
};

export function diffFiles(text: string): DiffFile[] {
  if (!text.trim()) return [];
  // git says "Binary files … differ" where the parser sees a file with no hunks: read it per file.
  const binary = text
    .split(/^diff --git /m)
    .slice(1)
    .map((block) => /^(Binary files |GIT binary patch)/m.test(block));
  return gitDiffParser.parse(text).map((f, i) => {
    let added = 0;
    let removed = 0;
    for (const h of f.hunks)
      for (const c of h.changes) {
        if (c.type === "insert") added += 1;
        else if (c.type === "delete") removed += 1;
      }
    return { ...f, added, removed, binary: Boolean(f.isBinary || binary[i]) };
  });
}

/** The path a person knows a file by: its new one, else (deleted) its old one. */
export const pathOf = (f: { newPath: string; oldPath: string; type: string }) =>
  f.type === "delete" ? f.oldPath : f.newPath;

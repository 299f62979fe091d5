import "server-only";
import { z } from "zod";
import { diffFiles, pathOf } from "@/lib/domain/diff";
import {
  epicDiffSource,
  runDiffSource,
  unifiedDiff,
  type DiffSource,
} from "@/lib/services/run-diff";
import { failure, query } from "../operation";

const Input = z.object({
  id: z.string().max(64),
  format: z.enum(["json", "diff"], { error: "format is json or diff" }).optional(),
});

/** text/x-diff when asked for (format=diff, or Accept: text/x-diff), else JSON files with hunks. */
async function answer(
  found: { ok: true; source: DiffSource } | { ok: false; code: string; message: string },
  format: "json" | "diff" | undefined,
  request: Request,
) {
  if (!found.ok) return failure(found);
  const text = await unifiedDiff(found.source);
  const wantsText =
    format === "diff" || (!format && (request.headers.get("accept") ?? "").includes("text/x-diff"));
  if (wantsText)
    return new Response(text, { headers: { "content-type": "text/x-diff; charset=utf-8" } });
  return {
    from: found.source.from,
    to: found.source.to,
    files: diffFiles(text).map((f) => ({
      path: pathOf(f),
      oldPath: f.oldPath,
      newPath: f.newPath,
      type: f.type,
      binary: f.binary,
      added: f.added,
      removed: f.removed,
      hunks: f.hunks.map((h) => ({
        header: h.content,
        oldStart: h.oldStart,
        oldLines: h.oldLines,
        newStart: h.newStart,
        newLines: h.newLines,
        lines: h.changes.map((c) => ({
          type: c.type,
          content: c.content,
          oldLine:
            c.type === "normal" ? c.oldLineNumber : c.type === "delete" ? c.lineNumber : null,
          newLine:
            c.type === "normal" ? c.newLineNumber : c.type === "insert" ? c.lineNumber : null,
        })),
      })),
    })),
  };
}

export const diffOps = {
  run: query({
    path: "/runs/{id}/diff",
    tag: "runs",
    summary:
      "What this run changed: from the commit it started at to its checkpoint at the end (format=diff or Accept: text/x-diff for the unified diff; else JSON files with hunks)",
    input: Input,
    run: async (_a, { id, format }, request) => answer(await runDiffSource(id), format, request),
  }),
  epic: query({
    path: "/epics/{id}/diff",
    tag: "epics",
    summary:
      "The epic's whole branch against the project's default branch (format=diff or Accept: text/x-diff for the unified diff; else JSON files with hunks)",
    input: Input,
    run: async (_a, { id, format }, request) => answer(await epicDiffSource(id), format, request),
  }),
};

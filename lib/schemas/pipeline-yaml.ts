// pipeline.yaml ⇄ PipelineSpec. Errors name the line and the field, from YAML syntax and zod alike.
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from "yaml";
import { PipelineSpecSchema, type PipelineSpec } from "./pipeline";

export type YamlError = { line: number; path: string; message: string };
export type YamlParse = { ok: true; spec: PipelineSpec } | { ok: false; errors: YamlError[] };

const pathText = (path: PropertyKey[]) =>
  path.reduce<string>(
    (s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    "",
  );

/** The deepest node the document has along a path: where a missing or wrong field belongs. */
function nodeAt(root: Node | null, path: PropertyKey[]): Node | null {
  let node = root;
  for (const key of path) {
    const next = isMap(node)
      ? (node.get(key as string, true) as Node | undefined)
      : isSeq(node)
        ? (node.get(key as number, true) as Node | undefined)
        : undefined;
    if (!next || typeof next !== "object") return node;
    node = next;
  }
  return node;
}

export function parsePipelineYaml(text: string): YamlParse {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        line: lines.linePos(e.pos[0]).line,
        path: "",
        message: e.message.split("\n")[0],
      })),
    };
  }
  const parsed = PipelineSpecSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, spec: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const node = nodeAt(doc.contents as Node | null, issue.path);
      const line = node?.range ? lines.linePos(node.range[0]).line : 1;
      return { line, path: pathText(issue.path), message: issue.message };
    }),
  };
}

/** Who does a phase's work, read together at the top of each phase. */
const LEADING = ["key", "name", "workflow", "runner", "agent", "model", "command"];

/**
 * The YAML a person reads: who does the work first (runner, agent, model, command), then the
 * rest; fields a phase leaves empty (no agent, model or command) are left out.
 */
export function pipelineToYaml(spec: PipelineSpec): string {
  const phases = spec.phases.map((p) => {
    const entries = Object.entries(p).filter(
      ([k, v]) => !(["agent", "model", "command"].includes(k) && (v === null || v === "")),
    );
    const rank = (k: string) => (LEADING.includes(k) ? LEADING.indexOf(k) : LEADING.length);
    return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
  });
  return stringify({ ...spec, phases }, { lineWidth: 0, aliasDuplicateObjects: false });
}

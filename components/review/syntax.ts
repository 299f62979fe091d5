// Syntax highlighting for diffs, loaded only when a diff is drawn: lowlight (highlight.js's
// grammars, as hast) for the languages agents mostly write, adapted to the tokenizer
// react-diff-view expects (refractor's `highlight(text, language)` returning nodes).
import { tokenize, type HunkData, type HunkTokens } from "react-diff-view";
import { createLowlight } from "lowlight";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

const lowlight = createLowlight({
  bash,
  css,
  go,
  javascript,
  json,
  markdown,
  python,
  rust,
  typescript,
  xml,
  yaml,
});

const BY_EXTENSION: Record<string, string> = {
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  json: "json",
  md: "markdown",
  css: "css",
  py: "python",
  go: "go",
  rs: "rust",
  sh: "bash",
  yml: "yaml",
  yaml: "yaml",
  html: "xml",
  xml: "xml",
  svg: "xml",
};

const refractor = {
  highlight: (text: string, language: string) => lowlight.highlight(language, text).children,
};

const cache = new WeakMap<HunkData[], HunkTokens | null>();

/** The hunks' tokens, highlighted by the file's language; null where none is known (plain text). */
export function highlightHunks(hunks: HunkData[], path: string): HunkTokens | null {
  if (cache.has(hunks)) return cache.get(hunks)!;
  const language = BY_EXTENSION[path.split(".").pop()?.toLowerCase() ?? ""];
  let tokens: HunkTokens | null = null;
  try {
    if (language)
      tokens = tokenize(hunks, { highlight: true, refractor: refractor as never, language });
  } catch {
    tokens = null;
  }
  cache.set(hunks, tokens);
  return tokens;
}

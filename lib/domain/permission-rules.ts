// Pure: tool-permission rules in Claude Code's own syntax, so people write what they already know.
//   `Read`               every use of the tool
//   `Bash(npm test)`     exactly that command;  `Bash(npm test:*)` every command starting with it
//   `Edit(src/**)`       the file tools (Edit, MultiEdit, Write, Read, NotebookEdit) on paths matching the glob
// As in Claude Code, deny wins over ask, and ask over allow, whatever their scope; a tool no rule
// names is asked of a person.
import picomatch from "picomatch";

export const RULE_BEHAVIORS = ["allow", "deny", "ask"] as const;
export type RuleBehavior = (typeof RULE_BEHAVIORS)[number];

export type PermissionRule = {
  id?: string;
  rule: string;
  behavior: RuleBehavior;
  phase: string | null;
  epicId: string | null;
};
export type ParsedRule = { tool: string; specifier: string | null };

const RULE = /^([A-Za-z][\w-]*(?:__[\w-]+)*)(?:\((.*)\))?$/s;
const FILE_TOOLS = new Set([
  "Read",
  "Edit",
  "MultiEdit",
  "Write",
  "NotebookEdit",
  "Glob",
  "Grep",
  "LS",
]);

/** The rule's tool and specifier, or a message saying what to fix. */
export function parseRule(text: string): ParsedRule | { error: string } {
  const m = RULE.exec(text.trim());
  if (!m)
    return {
      error:
        "Write a tool name, optionally with a specifier in parentheses: Read, Bash(npm test:*), Edit(src/**).",
    };
  const specifier = m[2]?.trim() ?? null;
  if (specifier === "")
    return { error: `Leave out the empty parentheses, or say what ${m[1]} may do inside them.` };
  return { tool: m[1], specifier };
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

function filePathOf(input: Record<string, unknown>, cwd: string | null): string | null {
  const raw = str(input.file_path) ?? str(input.path) ?? str(input.notebook_path);
  if (!raw) return null;
  // Rules name paths relative to the project; agents often send absolute ones inside the worktree.
  if (cwd && raw.startsWith(`${cwd.replace(/\/$/, "")}/`))
    return raw.slice(cwd.replace(/\/$/, "").length + 1);
  return raw.replace(/^\.\//, "");
}

/** Whether a rule names this use of a tool. */
export function ruleMatches(
  rule: ParsedRule,
  tool: string,
  input: unknown,
  cwd: string | null = null,
): boolean {
  if (rule.tool !== tool) return false;
  if (rule.specifier === null || rule.specifier === "*") return true;
  const i = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  if (tool === "Bash") {
    const command = str(i.command)?.trim();
    if (!command) return false;
    if (rule.specifier.endsWith(":*")) {
      const prefix = rule.specifier.slice(0, -2).trim();
      // A prefix rule never lets a chained command through: `npm test && rm -rf /` is not `npm test`.
      if (/[;&|`$<>]|\n/.test(command)) return false;
      return command === prefix || command.startsWith(`${prefix} `);
    }
    return command === rule.specifier;
  }
  if (FILE_TOOLS.has(tool)) {
    const file = filePathOf(i, cwd);
    return file !== null && picomatch(rule.specifier, { dot: true })(file);
  }
  if (tool === "WebFetch" && rule.specifier.startsWith("domain:")) {
    try {
      return new URL(str(i.url) ?? "").hostname === rule.specifier.slice(7);
    } catch {
      return false;
    }
  }
  return JSON.stringify(input) === rule.specifier;
}

export type Verdict = { behavior: RuleBehavior; rule: PermissionRule | null };

/** What the rules in force say about one tool use: deny over ask over allow; ask when none applies. */
export function decideToolUse(
  rules: PermissionRule[],
  scope: { phase: string; epicId: string },
  tool: string,
  input: unknown,
  cwd: string | null = null,
): Verdict {
  const inForce = rules.filter(
    (r) =>
      (r.phase === null || r.phase === scope.phase) &&
      (r.epicId === null || r.epicId === scope.epicId),
  );
  const matching = inForce.filter((r) => {
    const parsed = parseRule(r.rule);
    return !("error" in parsed) && ruleMatches(parsed, tool, input, cwd);
  });
  for (const behavior of ["deny", "ask", "allow"] as const) {
    const hit = matching.find((r) => r.behavior === behavior);
    if (hit) return { behavior, rule: hit };
  }
  return { behavior: "ask", rule: null };
}

/** The rule a person most likely means by "always allow this": `Bash(npm test:*)`, `Edit(src/**)`, `Read`. */
export function suggestRule(tool: string, input: unknown): string {
  const i = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  if (tool === "Bash") {
    const command = str(i.command)?.trim() ?? "";
    const words = command.split(/\s+/).filter(Boolean);
    if (!words.length || /[;&|`$<>]/.test(command)) return "Bash";
    return `Bash(${words.slice(0, Math.min(2, words.length)).join(" ")}:*)`;
  }
  if (FILE_TOOLS.has(tool) && tool !== "Read") {
    const file = filePathOf(i, null);
    const dir = file?.includes("/") ? file.slice(0, file.lastIndexOf("/")) : null;
    return dir && !dir.startsWith("/") ? `${tool}(${dir}/**)` : tool;
  }
  return tool;
}

/** Where a rule applies, in words for a card or the settings page. */
export function ruleScopeLabel(
  r: { phase: string | null; epicId: string | null },
  epicLabel?: string,
): string {
  if (r.epicId) return epicLabel ? `epic ${epicLabel}` : "one epic";
  if (r.phase) return `the ${r.phase} phase`;
  return "this project";
}

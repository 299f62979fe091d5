// Pure: renders a phase's prompt template from the epic. Placeholders are {name}; an unknown one
// is left as written so a typo shows in the prompt instead of vanishing.

/** Placeholders a prompt template may use. */
export const PLACEHOLDERS = [
  "feature_name",
  "description",
  "key_requirements",
  "todos",
  "handoff",
  "phase",
  "epic_number",
] as const;

/** Placeholders a template uses that are not known: a typo the editor should point at. */
export function unknownPlaceholders(template: string): string[] {
  return [
    ...new Set(
      [...template.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n)),
    ),
  ];
}

export type PromptVars = {
  feature_name: string;
  description: string;
  key_requirements: string;
  todos: string;
  handoff: string;
  phase: string;
  epic_number: string;
};

export function renderPrompt(template: string, vars: PromptVars): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? vars[name as keyof PromptVars] : whole,
    )
    .trim();
}

export function promptVars(epic: {
  number: number;
  title: string;
  description: string;
  keyRequirements: string[];
  todos: { content: string; status: string }[];
  phase: string;
  handoff?: string;
}): PromptVars {
  const mark = (s: string) => (s === "completed" ? "[x]" : s === "in_progress" ? "[~]" : "[ ]");
  return {
    feature_name: epic.title,
    description: epic.description || "(no description)",
    key_requirements: epic.keyRequirements.length
      ? epic.keyRequirements.map((r) => `- ${r}`).join("\n")
      : "(none listed)",
    todos: epic.todos.length
      ? epic.todos.map((t) => `${mark(t.status)} ${t.content}`).join("\n")
      : "(no todos yet)",
    handoff: epic.handoff ?? "",
    phase: epic.phase,
    epic_number: String(epic.number),
  };
}

/** The patterns a person picked when starting the run, as the agent reads them after its prompt. */
export function patternBrief(
  patterns: { name: string; whenToUse: string; implementation: string; commonIssues: string }[],
): string {
  if (!patterns.length) return "";
  const one = (p: (typeof patterns)[number]) =>
    [
      `### ${p.name}`,
      p.whenToUse && `When to use: ${p.whenToUse.trim()}`,
      p.implementation && `Implementation:\n${p.implementation.trim()}`,
      p.commonIssues && `Common issues: ${p.commonIssues.trim()}`,
    ]
      .filter(Boolean)
      .join("\n");
  return `## Patterns to follow (picked from the pattern library)\n\n${patterns.map(one).join("\n\n")}`;
}

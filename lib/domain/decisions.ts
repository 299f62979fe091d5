// Pure: what a decision is made of, who may answer it, how an agent asks for one in text, and
// the order an approver's inbox shows them in.
import type { Role } from "./permissions";

export const DECISION_STATUSES = [
  "open",
  "answered",
  "auto_applied",
  "expired",
  "cancelled",
  "withdrawn",
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const URGENCIES = ["low", "normal", "high", "critical"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const DECISION_SOURCES = ["tool_approval", "agent", "manager", "gate"] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];
export const ANSWER_ROLES = ["approver", "manager", "admin"] as const;

export type DecisionOption = { key: string; label: string; description?: string };
export type Recommendation = { option: string; why: string };

const RANK: Record<Role, number> = { viewer: 0, developer: 1, approver: 2, manager: 3, admin: 4 };

/**
 * A decision names the least role that may answer it; anyone above may too. Developers answer only
 * tool approvals, and only where their project lets the developer steering a run answer them.
 */
export function mayAnswer(role: Role, answerRole: string): boolean {
  const floor = answerRole === "developer" ? RANK.developer : RANK.approver;
  return RANK[role] >= (RANK[answerRole as Role] ?? RANK.admin) && RANK[role] >= floor;
}

/** Who answers a run's tool approvals: approvers and above, or developers too where the project says so. */
export const approvalAnswerRole = (developersAnswerApprovals: boolean) =>
  developersAnswerApprovals ? "developer" : "approver";

/** "Always allow" adds a permission rule besides allowing: approvers and above only. */
export const ALWAYS_ALLOW = "always";
export const mayAddRule = (role: Role) => RANK[role] >= RANK.approver;

export const APPROVAL_OPTIONS: DecisionOption[] = [
  { key: "allow", label: "Allow", description: "Let the agent use the tool as asked." },
  {
    key: "deny",
    label: "Deny",
    description: "Refuse; your comment is sent to the agent as the reason.",
  },
];

/** A tool approval's options: allow once, allow always (a project rule, e.g. `Bash(npm test:*)`), deny. */
export function approvalOptions(rule: string): DecisionOption[] {
  return [
    APPROVAL_OPTIONS[0],
    {
      key: ALWAYS_ALLOW,
      label: `Always allow ${rule} in this project`,
      description: `Allow, and add the rule ${rule} to the project's permission rules.`,
    },
    APPROVAL_OPTIONS[1],
  ];
}

/** The rule an "always allow" option adds, read back from its label. */
export const ruleOfAlwaysOption = (options: DecisionOption[]) =>
  /^Always allow (.+) in this project$/.exec(
    options.find((o) => o.key === ALWAYS_ALLOW)?.label ?? "",
  )?.[1] ?? null;
export const GATE_OPTIONS: DecisionOption[] = [
  { key: "approve", label: "Approve", description: "Start the phase now." },
  { key: "reject", label: "Reject", description: "Do not run it; your comment says why." },
];
const DEFAULT_OPTIONS: DecisionOption[] = [
  { key: "approve", label: "Approve" },
  { key: "reject", label: "Reject" },
];

export type ParsedDecision = {
  title: string;
  impact: string;
  options: DecisionOption[];
  recommendation: Recommendation | null;
};

const MARKER = /^\s*(?:[-*]\s*)?(?:\(?([A-Fa-f1-6])[).:]|\[([A-Fa-f1-6])\])\s+(.+)$/;

/**
 * The orchestrators' convention: a line `DECISION NEEDED: <what> - Impact: <consequences>`, with
 * options (`Options: A) x, B) y` or one `A) x` per line) and a `Recommendation: B because …`
 * in the same message when the agent offers them. Null when the text asks for nothing.
 */
export function parseDecisionText(text: string): ParsedDecision | null {
  const head = /DECISION NEEDED:\s*(.+?)(?:\s+-\s+Impact:\s*(.+))?$/im.exec(text);
  if (!head) return null;
  const title = head[1].trim().slice(0, 200);
  const impact = (head[2] ?? "").trim();
  const options: DecisionOption[] = [];
  const inline = /^\s*Options?:\s*(.+)$/im.exec(text);
  if (inline) {
    for (const m of inline[1].matchAll(
      /(?:^|[,;]\s*|\s)\(?([A-Fa-f1-6])[).:]\s*([^,;]+?)(?=\s*(?:[,;]|\s\(?[A-Fa-f1-6][).:]\s|$))/g,
    )) {
      options.push({ key: m[1].toUpperCase(), label: m[2].trim() });
    }
  }
  if (!options.length) {
    for (const line of text.split("\n")) {
      const m = MARKER.exec(line);
      if (m && !/DECISION NEEDED/i.test(line))
        options.push({ key: (m[1] ?? m[2]).toUpperCase(), label: m[3].trim().slice(0, 200) });
    }
  }
  const rec =
    /^\s*Recommend(?:ation|ed)?:\s*(?:option\s+)?\(?([A-Fa-f1-6])\)?\b[\s:,-]*(?:because\s+)?(.*)$/im.exec(
      text,
    );
  const unique = options
    .filter((o, i) => options.findIndex((p) => p.key === o.key) === i)
    .slice(0, 6);
  const final = unique.length >= 2 ? unique : DEFAULT_OPTIONS;
  const recKey = rec?.[1].toUpperCase();
  return {
    title,
    impact,
    options: final,
    recommendation:
      recKey && final.some((o) => o.key === recKey)
        ? { option: recKey, why: rec![2].trim() }
        : null,
  };
}

const URGENCY_RANK: Record<string, number> = { critical: 0, high: 1, normal: 2, low: 3 };

/** Escalated first, then the nearest deadline (none last), then the most urgent, then the oldest. */
export function inboxOrder<
  T extends {
    escalatedAt: string | null;
    deadline: string | null;
    urgency: string;
    createdAt: string;
  },
>(a: T, b: T): number {
  if (!!a.escalatedAt !== !!b.escalatedAt) return a.escalatedAt ? -1 : 1;
  const da = a.deadline ? Date.parse(a.deadline) : Infinity;
  const db = b.deadline ? Date.parse(b.deadline) : Infinity;
  if (da !== db) return da - db;
  const u = (URGENCY_RANK[a.urgency] ?? 2) - (URGENCY_RANK[b.urgency] ?? 2);
  return u || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

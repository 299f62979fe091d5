// Pure: a phase's definition of done, checked when its run ends. Each check says why it failed.

export const METRIC_OPS = [">=", "<=", ">", "<", "=="] as const;
export type MetricOp = (typeof METRIC_OPS)[number];

export type Gate = {
  runSucceeded: boolean;
  todosCompleted: boolean;
  metrics: { name: string; op: MetricOp; value: number }[];
  approval: boolean;
  /** An approving review of the branch before the card moves on: by a person, or by the run itself
   * (a reviewer agent printing a VERDICT line). */
  review: GateReview;
};

export const GATE_REVIEWS = ["none", "person", "agent"] as const;
export type GateReview = (typeof GATE_REVIEWS)[number];

/** By default a phase passes when its run completed with a result and the agent's todos of that phase are done. */
export const DEFAULT_GATE: Gate = {
  runSucceeded: true,
  todosCompleted: true,
  metrics: [],
  approval: false,
  review: "none",
};

export type GateFacts = {
  runStatus: string;
  runError?: string | null;
  /** The epic's todos; only this phase's (or phase-less) ones count. */
  todos: { status: string; phase: string | null; content?: string }[];
  /** Latest reported value per metric name, for this run. */
  metrics: Record<string, number>;
  /** The gate's approval: true approved, false rejected, null not yet answered. */
  approved: boolean | null;
  /** The review verdict that counts for this run: a person's given since it started, or its own. */
  review?: "approve" | "request_changes" | null;
};

export type GateCheck = { name: string; passed: boolean; detail: string };
export type GateResult = {
  passed: boolean;
  pending: boolean;
  checks: GateCheck[];
  /** What a pending gate waits for: a person's approval (a decision card), a review, or both. */
  waitingFor?: ("approval" | "review")[];
};

/** The checks a person settles after the run: the gate waits on them once the rest passed. */
export const PERSON_CHECKS = ["Approved", "Review approved"];

const compare = (a: number, op: MetricOp, b: number) =>
  op === ">=" ? a >= b : op === "<=" ? a <= b : op === ">" ? a > b : op === "<" ? a < b : a === b;

export function evaluateGate(gate: Gate, phase: string, facts: GateFacts): GateResult {
  const checks: GateCheck[] = [];
  if (gate.runSucceeded) {
    const ok = facts.runStatus === "completed";
    checks.push({
      name: "Run succeeded",
      passed: ok,
      detail: ok
        ? "The run completed."
        : `The run ended ${facts.runStatus}${facts.runError ? `: ${facts.runError}` : "."}`,
    });
  }
  if (gate.todosCompleted) {
    const mine = facts.todos.filter((t) => t.phase === phase || t.phase === null);
    const open = mine.filter((t) => t.status !== "completed").length;
    const openNames = mine
      .filter((t) => t.status !== "completed")
      .map((t) => t.content)
      .filter(Boolean)
      .slice(0, 3);
    const missing = openNames.length
      ? `: ${openNames.join("; ")}${open > openNames.length ? "; …" : ""}`
      : ".";
    checks.push({
      name: "Todos completed",
      passed: open === 0,
      detail:
        open === 0
          ? `All ${mine.length} todos of ${phase} are completed.`
          : `${open} of ${mine.length} todos of ${phase} are still open${missing}`,
    });
  }
  for (const m of gate.metrics) {
    const value = facts.metrics[m.name];
    if (value === undefined) {
      checks.push({
        name: `${m.name} ${m.op} ${m.value}`,
        passed: false,
        detail: `${m.name} was not reported by the run.`,
      });
    } else {
      const ok = compare(value, m.op, m.value);
      checks.push({
        name: `${m.name} ${m.op} ${m.value}`,
        passed: ok,
        detail: `${m.name} is ${value}${ok ? "" : `, which is not ${m.op} ${m.value}`}.`,
      });
    }
  }
  const waitingFor: ("approval" | "review")[] = [];
  if (gate.approval) {
    if (facts.approved === null) waitingFor.push("approval");
    checks.push({
      name: "Approved",
      passed: facts.approved === true,
      detail:
        facts.approved === null
          ? "Waiting for an approval."
          : facts.approved
            ? "Approved."
            : "Rejected.",
    });
  }
  if (gate.review !== "none") {
    const verdict = facts.review ?? null;
    if (verdict === null && gate.review === "person") waitingFor.push("review");
    checks.push({
      name: "Review approved",
      passed: verdict === "approve",
      detail:
        verdict === "approve"
          ? gate.review === "agent"
            ? "The reviewer agent approved (VERDICT: APPROVE)."
            : "A person approved the review."
          : verdict === "request_changes"
            ? "Changes were requested in review."
            : gate.review === "agent"
              ? "The run printed no verdict line (VERDICT: APPROVE or VERDICT: REQUEST_CHANGES)."
              : "Waiting for an approving review of the branch.",
    });
  }
  const othersPass = checks.filter((c) => !PERSON_CHECKS.includes(c.name)).every((c) => c.passed);
  const decided = checks.filter((c) => PERSON_CHECKS.includes(c.name));
  const pending =
    waitingFor.length > 0 &&
    othersPass &&
    // A settled person check that failed (rejected, changes requested) is not waited on.
    decided.every((c) => c.passed || /^Waiting/.test(c.detail));
  return {
    passed: checks.every((c) => c.passed),
    pending,
    checks,
    ...(waitingFor.length ? { waitingFor } : {}),
  };
}

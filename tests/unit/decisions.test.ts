import { describe, expect, it } from "vitest";
import { inboxOrder, mayAnswer, parseDecisionText } from "@/lib/domain/decisions";

describe("DECISION NEEDED in an agent's message", () => {
  it("reads the question and its impact, with approve/reject when no options are given", () => {
    expect(
      parseDecisionText(
        "Plan ready.\nDECISION NEEDED: Drop the legacy /v1 endpoints - Impact: three partner integrations break",
      ),
    ).toEqual({
      title: "Drop the legacy /v1 endpoints",
      impact: "three partner integrations break",
      options: [
        { key: "approve", label: "Approve" },
        { key: "reject", label: "Reject" },
      ],
      recommendation: null,
    });
  });
  it("reads inline options and a recommendation with its reason", () => {
    const d = parseDecisionText(
      "DECISION NEEDED: Session storage for magic links - Impact: changes how logins expire\nOptions: A) JWT, B) Server sessions\nRecommendation: B because revocation is immediate",
    );
    expect(d?.options).toEqual([
      { key: "A", label: "JWT" },
      { key: "B", label: "Server sessions" },
    ]);
    expect(d?.recommendation).toEqual({ option: "B", why: "revocation is immediate" });
  });
  it("reads options one per line", () => {
    const d = parseDecisionText(
      "DECISION NEEDED: Which queue? - Impact: ops cost\n1) Redis streams\n2) PostgreSQL SKIP LOCKED\n3. SQS\nRecommended: 2 - one less service",
    );
    expect(d?.options.map((o) => o.label)).toEqual([
      "Redis streams",
      "PostgreSQL SKIP LOCKED",
      "SQS",
    ]);
    expect(d?.recommendation).toEqual({ option: "2", why: "one less service" });
  });
  it("ignores text that asks for nothing, and a recommendation not among the options", () => {
    expect(parseDecisionText("All tests pass.")).toBeNull();
    expect(
      parseDecisionText("DECISION NEEDED: X - Impact: Y\nOptions: A) a, B) b\nRecommendation: Z")
        ?.recommendation,
    ).toBeNull();
  });
});

describe("who may answer", () => {
  it("is the named role or above, and never below approver", () => {
    expect(mayAnswer("approver", "approver")).toBe(true);
    expect(mayAnswer("approver", "manager")).toBe(false);
    expect(mayAnswer("admin", "manager")).toBe(true);
    expect(mayAnswer("developer", "approver")).toBe(false);
    expect(mayAnswer("viewer", "viewer")).toBe(false);
  });
});

describe("inbox order", () => {
  const d = (
    id: string,
    o: Partial<{
      escalatedAt: string | null;
      deadline: string | null;
      urgency: string;
      createdAt: string;
    }>,
  ) => ({
    id,
    escalatedAt: null,
    deadline: null,
    urgency: "normal",
    createdAt: "2026-01-01T00:00:00Z",
    ...o,
  });
  it("puts escalated first, then nearest deadline, then urgency", () => {
    const list = [
      d("none", {}),
      d("later", { deadline: "2026-02-02T00:00:00Z" }),
      d("soon", { deadline: "2026-02-01T00:00:00Z" }),
      d("urgent", { urgency: "critical" }),
      d("overdue", { escalatedAt: "2026-01-05T00:00:00Z" }),
    ];
    expect(list.sort(inboxOrder).map((x) => x.id)).toEqual([
      "overdue",
      "soon",
      "later",
      "urgent",
      "none",
    ]);
  });
});

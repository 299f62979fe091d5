import { describe, expect, it } from "vitest";
import { patternsIn, scorePattern } from "@/lib/domain/patterns";

const p = {
  name: "Retry with exponential backoff",
  tags: ["async", "network"],
  description: "Retry flaky calls",
  whenToUse: "Remote APIs that time out",
  implementation: "for (let i = 0; i < 5; i++) await sleep(2 ** i * 100)",
  examples: "lib/http.ts",
  commonIssues: "Retrying non-idempotent POSTs",
};

describe("pattern search", () => {
  it("ranks a name match above a body match and needs every word", () => {
    expect(scorePattern(p, "backoff")).toBeGreaterThan(scorePattern(p, "sleep"));
    expect(scorePattern(p, "retry network")).toBeGreaterThan(0);
    expect(scorePattern(p, "retry graphql")).toBe(0);
    expect(scorePattern(p, "")).toBe(1);
  });
  it("reads the patterns a run says it used", () => {
    expect(
      patternsIn(
        "Done.\nPATTERN Retry with exponential backoff\n  PATTERN Outbox table  \nnot a PATTERN line",
      ),
    ).toEqual(["Retry with exponential backoff", "Outbox table"]);
  });
});

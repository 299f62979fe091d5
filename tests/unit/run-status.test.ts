import { describe, expect, it } from "vitest";
import { canTransition, epicStatusFor, runOutcome } from "@/lib/domain/run-status";
import { promptVars, renderPrompt } from "@/lib/domain/prompt";

const base = {
  maxTurns: 30,
  timeoutSec: 600,
  stoppedBy: null,
  exit: { code: 0, signal: null },
} as const;

describe("run outcome", () => {
  it("is completed only on a success result and a clean exit", () => {
    expect(runOutcome({ ...base, result: { subtype: "success", isError: false } })).toEqual({
      status: "completed",
      error: null,
    });
    expect(
      runOutcome({
        ...base,
        result: { subtype: "success", isError: false },
        exit: { code: 1, signal: null },
      }),
    ).toMatchObject({ status: "failed", error: expect.stringContaining("code 1") });
  });
  it("names the reason of a failed result", () => {
    expect(
      runOutcome({ ...base, result: { subtype: "error_max_turns", isError: true } }).error,
    ).toBe("Reached the limit of 30 turns.");
    expect(
      runOutcome({ ...base, result: { subtype: "error_during_execution", isError: true } }).status,
    ).toBe("failed");
  });
  it("says the agent died before a result, and how", () => {
    expect(runOutcome({ ...base, result: null, exit: { code: 3, signal: null } }).error).toBe(
      "The agent exited with code 3 before reporting a result.",
    );
    expect(
      runOutcome({ ...base, result: null, exit: { code: null, signal: "SIGKILL" } }).error,
    ).toContain("SIGKILL");
  });
  it("lets who stopped it decide first", () => {
    expect(runOutcome({ ...base, result: null, stoppedBy: "user" }).status).toBe("killed");
    expect(runOutcome({ ...base, result: null, stoppedBy: "timeout" })).toEqual({
      status: "timed_out",
      error: "Timed out after 600 s.",
    });
  });
});

describe("run status table", () => {
  it("allows the lifecycle and forbids leaving an end state", () => {
    expect(canTransition("queued", "running")).toBe(true);
    expect(canTransition("running", "waiting")).toBe(true);
    expect(canTransition("waiting", "running")).toBe(true);
    expect(canTransition("completed", "running")).toBe(false);
    expect(canTransition("killed", "failed")).toBe(false);
  });
  it("maps to the card's badge", () => {
    expect(epicStatusFor("waiting")).toBe("waiting");
    expect(epicStatusFor("timed_out")).toBe("failed");
    expect(epicStatusFor("completed")).toBe("idle");
  });
});

describe("prompt templates", () => {
  it("fill known placeholders and keep unknown ones visible", () => {
    const vars = promptVars({
      number: 4,
      title: "Magic links",
      description: "",
      keyRequirements: ["Expire in 15 min"],
      todos: [{ content: "Plan", status: "completed" }],
      phase: "BUILDER",
    });
    expect(renderPrompt("Build {feature_name}: {key_requirements}\n{todos}\n{oops}", vars)).toBe(
      "Build Magic links: - Expire in 15 min\n[x] Plan\n{oops}",
    );
  });
});

describe("a result that says success but is an error (Claude Code's failed login)", () => {
  it("fails the run with the agent's own words and what fixes it", () => {
    const outcome = runOutcome({
      result: {
        subtype: "success",
        isError: true,
        text: "Not logged in · Please run /login",
        reason: "api_error",
      },
      exit: { code: 1, signal: null },
      stoppedBy: null,
      maxTurns: 30,
      timeoutSec: 60,
    });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toContain(
      "The agent reported an error: Not logged in · Please run /login (api_error).",
    );
    expect(outcome.error).toContain("ANTHROPIC_API_KEY");
  });

  it("ends a run that still waits on a person as failed, never completed", () => {
    const outcome = runOutcome({
      result: { subtype: "success", isError: false, text: "Waiting for a decision." },
      exit: { code: 0, signal: null },
      stoppedBy: null,
      maxTurns: 30,
      timeoutSec: 60,
      waitingOnPeople: true,
    });
    expect(outcome).toEqual({
      status: "failed",
      error:
        "The agent exited with code 0 while it waited for a decision, before acting on the answer.",
    });
  });
});

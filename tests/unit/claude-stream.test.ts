import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  describeToolUse,
  newStreamState,
  parseStreamLine,
  TOOL_RESULT_LIMIT,
} from "@/lib/runners/claude-stream";
import type { RunnerEvent } from "@/lib/runners/events";

const fixture = (name: string) => readFileSync(`tests/fixtures/claude-stream-json/${name}`, "utf8");
function parseAll(text: string): RunnerEvent[] {
  const state = newStreamState();
  return text.split("\n").flatMap((line) => parseStreamLine(line, state));
}
const ofKind = <K extends RunnerEvent["kind"]>(events: RunnerEvent[], kind: K) =>
  events.filter((e): e is Extract<RunnerEvent, { kind: K }> => e.kind === kind);

describe("Claude Code stream-json, a long run", () => {
  it("counts 10,000 messages of two blocks each as 10,000 turns, remembering only recent ids", () => {
    const state = newStreamState();
    const line = (id: string, text: string) =>
      JSON.stringify({
        type: "assistant",
        message: { id, role: "assistant", content: [{ type: "text", text }] },
      });
    let turns = 0;
    for (let i = 0; i < 10_000; i++)
      for (const part of ["one", "two"])
        turns += parseStreamLine(line(`msg_${i}`, part), state).filter(
          (e) => e.kind === "turn",
        ).length;
    expect(turns).toBe(10_000);
    expect(state.turn).toBe(10_000);
    // Memory per run stays bounded however many turns it takes.
    expect(state.messageIds.size).toBeLessThanOrEqual(256);
  });
});

describe("Claude Code stream-json, recorded transcripts", () => {
  it("simple success: init, one turn of text, a successful result with cost and tokens", () => {
    const events = parseAll(fixture("simple-success.jsonl"));
    expect(events.map((e) => e.kind)).toEqual(["init", "turn", "text", "result"]);
    expect(events[0]).toMatchObject({
      sessionId: "1d1e46f9-35c7-4834-b529-846d5bb82288",
      model: "claude-opus-4-5-20251101",
    });
    expect(ofKind(events, "result")[0]).toMatchObject({
      subtype: "success",
      isError: false,
      numTurns: 1,
      costUsd: 0.1354875,
      outputTokens: 25,
    });
  });

  it("counts one turn for an API message split over two assistant events, and bounds a huge tool result", () => {
    const events = parseAll(fixture("tool-use-read.jsonl"));
    const turns = ofKind(events, "turn");
    expect(new Set(turns.map((t) => t.messageId)).size).toBe(turns.length);
    expect(ofKind(events, "tool_use")[0]).toMatchObject({ name: "Read" });
    const big = ofKind(events, "tool_result")[0];
    expect(big.truncated).toBe(true);
    expect(big.content.length).toBe(TOOL_RESULT_LIMIT);
    expect(big.content).toContain("→");
    expect(ofKind(events, "init")[0].tools.length).toBeGreaterThan(80);
  });

  it("mirrors every TodoWrite as a todo update, and pairs every tool_use with its result", () => {
    const events = parseAll(fixture("todowrite-multi-tool.jsonl"));
    const updates = ofKind(events, "todo_update");
    expect(updates).toHaveLength(7);
    expect(
      updates
        .at(-1)!
        .todos.every((t) => ["pending", "in_progress", "completed"].includes(t.status)),
    ).toBe(true);
    expect(updates.at(-1)!.todos.length).toBeGreaterThan(0);
    const uses = new Set(ofKind(events, "tool_use").map((u) => u.id));
    expect(ofKind(events, "tool_result").every((r) => uses.has(r.toolUseId))).toBe(true);
    expect(ofKind(events, "result")[0]).toMatchObject({ subtype: "success", numTurns: 139 });
    expect(ofKind(events, "result")[0].costUsd).toBeCloseTo(2.46, 1);
  });

  it("treats error_during_execution as a failure even though is_error is false", () => {
    const r = ofKind(parseAll(fixture("error-during-execution.jsonl")), "result")[0];
    expect(r).toMatchObject({ subtype: "error_during_execution", isError: true, numTurns: 0 });
    expect(r.costUsd).toBeGreaterThan(0);
  });

  it("surfaces a can_use_tool control request as an approval request, ignoring partials and status lines", () => {
    const events = parseAll(fixture("permission-request-bash-allow.jsonl"));
    expect(ofKind(events, "approval_request")).toEqual([
      {
        kind: "approval_request",
        requestId: "4a120ad8-4a1f-43d4-98a5-cd06d1971a23",
        toolName: "Bash",
        input: { command: "mkdir g1-bash-dir", description: "Create directory g1-bash-dir" },
        description: "Create directory g1-bash-dir",
      },
    ]);
    expect(ofKind(events, "result")[0]).toMatchObject({ subtype: "success", numTurns: 2 });
    expect(events.some((e) => e.kind === "log")).toBe(false);
  });
});

describe("lines the parser must survive", () => {
  it("ignores unknown types and blank lines, keeps garbage as log lines", () => {
    const state = newStreamState();
    expect(parseStreamLine('{"type":"brand_new_event","x":1}', state)).toEqual([]);
    expect(parseStreamLine("   ", state)).toEqual([]);
    expect(parseStreamLine("Segmentation fault (core dumped)", state)).toEqual([
      { kind: "log", stream: "stdout", line: "Segmentation fault (core dumped)" },
    ]);
    expect(
      parseStreamLine('{"type":"assistant","message":{"content":"not an array"}}', state),
    ).toEqual([]);
    expect(parseStreamLine("[1,2]", state)[0].kind).toBe("log");
  });
  it("rejects a TodoWrite whose todos are malformed instead of half-applying it", () => {
    const line = JSON.stringify({
      type: "assistant",
      message: {
        id: "m1",
        content: [
          {
            type: "tool_use",
            id: "t1",
            name: "TodoWrite",
            input: { todos: [{ content: "x", status: "weird" }] },
          },
        ],
      },
    });
    expect(parseStreamLine(line, newStreamState()).map((e) => e.kind)).toEqual([
      "turn",
      "tool_use",
    ]);
  });
  it("describes what the agent is doing in a few words", () => {
    expect(describeToolUse("Edit", { file_path: "lib/auth.ts" })).toBe("Editing lib/auth.ts");
    expect(describeToolUse("Bash", { command: "npm test" })).toBe("Running npm test");
    expect(describeToolUse("Mystery", {})).toBe("Using Mystery");
  });
});

describe("Claude Code 2.1.332, recorded here (tests/fixtures/claude-cli)", () => {
  it("reads the CLI's receipts for what it was sent (command_lifecycle, keyed by our uuid)", () => {
    const events = parseAll(readFileSync("tests/fixtures/claude-cli/not-logged-in.jsonl", "utf8"));
    expect(ofKind(events, "lifecycle")).toEqual([
      { kind: "lifecycle", uuid: "11111111-2222-4333-8444-555555555555", state: "queued" },
      { kind: "lifecycle", uuid: "11111111-2222-4333-8444-555555555555", state: "started" },
      { kind: "lifecycle", uuid: "11111111-2222-4333-8444-555555555555", state: "cancelled" },
    ]);
    expect(ofKind(events, "result")[0]).toMatchObject({ subtype: "success", isError: true });
  });

  it("reads a permission prompt the CLI withdraws (control_cancel_request)", () => {
    const state = newStreamState();
    expect(
      parseStreamLine('{"type":"control_cancel_request","request_id":"req-7"}', state),
    ).toEqual([{ kind: "approval_cancelled", requestId: "req-7" }]);
    expect(parseStreamLine('{"type":"control_cancel_request"}', state)).toEqual([]);
  });
});

describe("the initialize handshake, recorded from Claude Code 2.1.332", () => {
  it("reads the agent's version and that it has no credentials", () => {
    const events = parseAll(
      readFileSync("tests/fixtures/claude-cli/initialize-not-logged-in.jsonl", "utf8"),
    );
    expect(ofKind(events, "agent_info")).toEqual([
      { kind: "agent_info", version: "2.1.332", credentials: "none" },
    ]);
    // The rest of the session reads as before: receipts, init, the failed login's result.
    expect(ofKind(events, "init")).toHaveLength(1);
    expect(ofKind(events, "result")[0]).toMatchObject({
      isError: true,
      text: "Not logged in · Please run /login",
    });
  });
});

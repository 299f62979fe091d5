// The acp runner against the bundled ACP demo agent (a real child process speaking the protocol
// through the SDK's own agent side): every message Hiveboard sends is checked against the SDK's
// generated schema, and what the agent says becomes the normalized events the engine records.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AnyMessage } from "@agentclientprotocol/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { acpCommandOf } from "@/lib/runners";
import { startAcpProcess } from "@/lib/runners/acp";
import type { RunnerEvent } from "@/lib/runners/events";
import type { RunHandle } from "@/lib/runners/types";
import { expectValid } from "../setup/acp-schema";
import { waitFor } from "../setup/runs";

type Started = {
  handle: RunHandle;
  events: RunnerEvent[];
  sent: AnyMessage[];
  of: <K extends RunnerEvent["kind"]>(kind: K) => Extract<RunnerEvent, { kind: K }>[];
};

const handles: RunHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.kill();
  delete process.env.HIVEBOARD_DEMO_FAULT;
});

function start(
  prompt: string,
  opts: { resume?: string | null; fault?: string; holdOpen?: () => boolean; model?: string } = {},
): Started {
  if (opts.fault) process.env.HIVEBOARD_DEMO_FAULT = opts.fault;
  const cwd = mkdtempSync(path.join(tmpdir(), "hb-acp-"));
  const [command, ...args] = acpCommandOf("demo-acp", null);
  const events: RunnerEvent[] = [];
  const sent: AnyMessage[] = [];
  const handle = startAcpProcess(
    command,
    args,
    {
      runId: "run-acp-test",
      cwd,
      prompt,
      maxTurns: 30,
      model: opts.model,
      resumeSessionId: opts.resume ?? null,
      env: { HIVEBOARD_DEMO_PACE_MS: "5", HIVEBOARD_DEMO_FAULT: opts.fault ?? "" },
      holdOpen: opts.holdOpen,
      agent: { name: "Demo agent (ACP)", login: "Log the demo in" },
    },
    (e) => events.push(e),
    (direction, message) => direction === "sent" && sent.push(message),
  );
  handles.push(handle);
  const of = <K extends RunnerEvent["kind"]>(kind: K) =>
    events.filter((e): e is Extract<RunnerEvent, { kind: K }> => e.kind === kind);
  return { handle, events, sent, of };
}

const approval = (s: Started) =>
  waitFor("a permission request", async () => s.of("approval_request")[0]);

describe("the acp runner and the ACP demo agent", () => {
  it("prompts, gathers chunks into one entry, maps tool calls, plan and usage, and asks before running tests", async () => {
    const s = start("Add a health check\n\nKey requirements: works");
    const request = await approval(s);
    expect(request).toMatchObject({ toolName: "Run npm test", input: { command: "npm test" } });
    expect(request.description).toBe("Allow · Always allow · Reject");
    expect(s.handle.answer(request.requestId, { behavior: "allow", updatedInput: {} })).toBe(true);
    expect(await s.handle.exited).toEqual({ code: 0, signal: null });

    expect(s.of("agent_info")[0].version).toBe("Hiveboard demo agent 1.0.0");
    expect(s.of("init")[0].sessionId).toMatch(/^demo-acp-/);
    // Streamed in chunks, recorded as one entry each.
    const texts = s.of("text").map((t) => t.text);
    expect(texts[0]).toBe("Starting: Add a health check");
    expect(texts.at(-1)).toBe("Done: Add a health check. Tests pass.");
    expect(s.of("thought")[0].text).toBe(
      "The request is about Add a health check. Let me plan it.",
    );
    // Tool calls and their last update.
    const edit = s.of("tool_use").find((t) => t.name === "Edit notes/acp-demo.md")!;
    const edited = s.of("tool_result").find((r) => r.toolUseId === edit.id)!;
    expect(edited.isError).toBe(false);
    expect(edited.content).toContain("+Written by the demo agent over ACP.");
    expect(edited.content).toMatch(/notes\/acp-demo\.md:1/);
    const ran = s.of("tool_result").find((r) => r.content.includes("12 passed"));
    expect(ran?.isError).toBe(false);
    // The plan is the todo list; the last one has every item done.
    expect(
      s
        .of("todo_update")
        .at(-1)!
        .todos.map((t) => t.status),
    ).toEqual(["completed", "completed", "completed", "completed"]);
    const result = s.of("result").at(-1)!;
    expect(result).toMatchObject({
      subtype: "success",
      isError: false,
      numTurns: 1,
      costUsd: 0.0123,
    });
    expect(s.of("input_started").map((e) => e.inputId)).toEqual(["prompt-run-acp-test"]);
    // Client capabilities advertise only what Hiveboard serves.
    const init = s.sent.find((m) => "method" in m && m.method === "initialize") as {
      params: { clientCapabilities: unknown };
    };
    expect(init.params.clientCapabilities).toEqual({
      fs: { readTextFile: false, writeTextFile: false },
      terminal: false,
    });
    expectValid(s.sent);
  });

  it("answers a denial with the agent's own reject option: the tool fails, the run goes on", async () => {
    const s = start("Deny the tests");
    const request = await approval(s);
    s.handle.answer(request.requestId, { behavior: "deny", message: "not now" });
    await s.handle.exited;
    const reply = s.sent.find(
      (m) => "result" in m && JSON.stringify(m.result).includes("optionId"),
    );
    expect(reply).toMatchObject({
      result: { outcome: { outcome: "selected", optionId: "demo-reject" } },
    });
    expect(s.of("tool_result").some((r) => r.isError && r.content === "Permission denied")).toBe(
      true,
    );
    expect(s.of("text").at(-1)!.text).toContain("could not run the tests");
    expectValid(s.sent);
  });

  it("queues a message sent mid-turn until the turn ends, says so, then prompts with it", async () => {
    const s = start("A long task");
    const request = await approval(s);
    expect(s.handle.send("fb-1", "Also update the changelog")).toBe(true);
    expect(s.of("feedback_waiting")).toEqual([
      {
        kind: "feedback_waiting",
        feedbackId: "fb-1",
        note: "queued until the turn ends (this agent takes messages between turns)",
      },
    ]);
    expect(s.of("feedback_delivered")).toEqual([]);
    s.handle.answer(request.requestId, { behavior: "allow", updatedInput: {} });
    await s.handle.exited;
    expect(s.of("feedback_delivered").map((e) => e.feedbackId)).toEqual(["fb-1"]);
    expect(s.of("input_started").map((e) => e.inputId)).toEqual(["prompt-run-acp-test", "fb-1"]);
    expect(s.of("text").at(-1)!.text).toContain(
      "I read your feedback: “Also update the changelog”",
    );
    expect(s.of("result").map((r) => r.subtype)).toEqual(["success", "success"]);
    const prompts = s.sent.filter((m) => "method" in m && m.method === "session/prompt");
    expect(prompts).toHaveLength(2);
    expectValid(s.sent);
  });

  it("interrupts with session/cancel: the waiting permission is withdrawn and the turn ends cancelled", async () => {
    const s = start("Cancel me");
    const request = await approval(s);
    expect(s.handle.interrupt()).toBe(true);
    await s.handle.exited;
    expect(s.of("approval_cancelled").map((e) => e.requestId)).toEqual([request.requestId]);
    expect(s.sent.some((m) => "method" in m && m.method === "session/cancel")).toBe(true);
    expect(s.of("result").at(-1)).toMatchObject({
      subtype: "error_during_execution",
      isError: true,
    });
    expectValid(s.sent);
  });

  it("loads an earlier session where the agent offers it, without replaying it into the record", async () => {
    const first = start("First part");
    first.handle.answer((await approval(first)).requestId, { behavior: "allow", updatedInput: {} });
    await first.handle.exited;
    const sessionId = first.of("init")[0].sessionId;

    const again = start("Second part", { resume: sessionId });
    again.handle.answer((await approval(again)).requestId, { behavior: "allow", updatedInput: {} });
    await again.handle.exited;
    expect(again.sent.some((m) => "method" in m && m.method === "session/load")).toBe(true);
    expect(again.of("init")[0].sessionId).toBe(sessionId);
    // The replayed conversation ("Starting: First part") is not recorded twice.
    expect(again.of("text").some((t) => t.text.includes("First part"))).toBe(false);
    expectValid(again.sent);
  });

  it("starts a new session when the agent cannot load one, and says so", async () => {
    const s = start("No load here", { resume: "demo-acp-missing", fault: "no-load" });
    s.handle.answer((await approval(s)).requestId, { behavior: "allow", updatedInput: {} });
    await s.handle.exited;
    expect(s.sent.some((m) => "method" in m && m.method === "session/new")).toBe(true);
    expect(s.of("log").some((l) => l.line.includes("cannot load an earlier session"))).toBe(true);
  });

  it("starts a new session when the one to load is gone, and when no model can be chosen, says both", async () => {
    const s = start("Gone", { resume: "demo-acp-never-saved", model: "gpt-9" });
    s.handle.answer((await approval(s)).requestId, { behavior: "allow", updatedInput: {} });
    await s.handle.exited;
    const lines = s.of("log").map((l) => l.line);
    expect(lines.some((l) => l.includes("could not load session demo-acp-never-saved"))).toBe(true);
    expect(lines).toContain("Demo agent (ACP) lets no client choose a model: using its default.");
    expect(s.of("result").at(-1)).toMatchObject({ subtype: "success" });
  });

  it("fails with the agent's authentication message and the login line, within seconds", async () => {
    const began = Date.now();
    const s = start("Needs a login", { fault: "auth" });
    const exit = await s.handle.exited;
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(exit).toEqual({ code: 0, signal: null });
    const result = s.of("result").at(-1)!;
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/Demo agent \(ACP\) answered: Authentication required/);
    expect(result.text).toContain("To log it in: Log the demo in.");
  });

  it("reports a crash mid-turn as the agent's exit, with its stderr", async () => {
    const s = start("Crash", { fault: "crash" });
    const exit = await s.handle.exited;
    expect(exit.code).toBe(3);
    expect(s.of("result")).toEqual([]);
    expect(s.of("log").some((l) => l.line.includes("simulated crash"))).toBe(true);
  });

  it("keeps lines that are not JSON-RPC as log lines and goes on", async () => {
    const s = start("Garbage first", { fault: "garbage" });
    s.handle.answer((await approval(s)).requestId, { behavior: "allow", updatedInput: {} });
    await s.handle.exited;
    expect(s.of("log").map((l) => l.line)).toContain("this is not json-rpc");
    expect(s.of("result").at(-1)).toMatchObject({ subtype: "success" });
  });

  it("keeps the session open while a person is asked, and goes on with the answer as the next prompt", async () => {
    let waiting = true;
    const s = start("Needs a decision", { holdOpen: () => waiting });
    await waitFor("the question", async () =>
      s.of("text").find((t) => t.text.startsWith("DECISION NEEDED")),
    );
    await waitFor("the turn's end", async () => s.of("result").length === 1);
    waiting = false;
    s.handle.send("answer-1", "Decision: B) Server sessions", { receipt: false });
    s.handle.answer((await approval(s)).requestId, { behavior: "allow", updatedInput: {} });
    expect(await s.handle.exited).toEqual({ code: 0, signal: null });
    expect(s.of("text").some((t) => t.text.startsWith("Thanks for deciding."))).toBe(true);
    expect(s.of("result").map((r) => r.subtype)).toEqual(["success", "success"]);
  });

  it("runs a custom command line as given, and refuses a shell pipeline", () => {
    expect(acpCommandOf("custom", `my-agent --acp --name "two words"`)).toEqual([
      "my-agent",
      "--acp",
      "--name",
      "two words",
    ]);
    expect(() => acpCommandOf("custom", "my-agent | tee log")).toThrow(/no pipes/);
    expect(() => acpCommandOf("goose", null)).toThrow(
      /Goose is not installed on this server \(no goose on PATH\)\. Install it: Install the goose CLI/,
    );
  });
});

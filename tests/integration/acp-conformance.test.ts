// Real ACP agents from the npm registry (.ci/run installs them into .ci/tools and names the folder
// in TEST_ACP_TOOLS): the Codex adapter and the Claude Code adapter, driven by Hiveboard's own acp
// runner, unauthenticated, in a fresh HOME. Every message Hiveboard sends is valid by the
// protocol's schema; the agent's initialize names it; the run fails within seconds with the
// agent's own "Authentication required" and the line that logs it in — never a success, never a
// hang. RECORD_ACP_FIXTURES=1 writes what went over the wire to tests/fixtures/acp/ (see its README).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AnyMessage, SessionNotification } from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import { AGENTS, type AgentName } from "@/lib/domain/agents";
import { startAcpProcess } from "@/lib/runners/acp";
import { mapSessionUpdate, newUpdateState } from "@/lib/runners/acp-updates";
import type { RunnerEvent } from "@/lib/runners/events";
import { expectValid, schema } from "../setup/acp-schema";

const tools = process.env.TEST_ACP_TOOLS;
const CASES: { agent: AgentName; version: string; fixture: string }[] = [
  { agent: "codex", version: "Codex 0.16.0", fixture: "codex-acp-unauthenticated.jsonl" },
  {
    agent: "claude-acp",
    version: "Claude Agent 0.23.1",
    fixture: "claude-agent-acp-unauthenticated.jsonl",
  },
];

describe.skipIf(!tools)("real ACP agents, unauthenticated", () => {
  for (const c of CASES) {
    it(`${AGENTS[c.agent].label}: a valid handshake, then a failed run with the agent's words and its login line`, async () => {
      const spec = AGENTS[c.agent];
      const cwd = mkdtempSync(path.join(tmpdir(), "hb-acp-real-"));
      const home = mkdtempSync(path.join(tmpdir(), "hb-acp-home-"));
      const events: RunnerEvent[] = [];
      const wire: { direction: string; message: AnyMessage }[] = [];
      const began = Date.now();
      const handle = startAcpProcess(
        path.join(tools!, "node_modules/.bin", spec.bin!),
        spec.args,
        {
          runId: "run-acp-conformance",
          cwd,
          prompt: "Say hello in one word.",
          maxTurns: 3,
          resumeSessionId: null,
          // A fresh home and none of the credentials of whoever runs the tests.
          env: { HOME: home, ANTHROPIC_API_KEY: "", OPENAI_API_KEY: "", CODEX_API_KEY: "" },
          mcp: { url: "http://127.0.0.1:9/api/mcp", key: "hb_run_conformance" },
          agent: { name: spec.label, login: spec.login },
        },
        (e) => events.push(e),
        (direction, message) => wire.push({ direction, message }),
      );
      const exit = await handle.exited;
      expect(Date.now() - began).toBeLessThan(60_000);
      expect(exit.code).toBe(0);

      // At least initialize and session/new (Codex refuses the session; Claude's adapter the prompt).
      expectValid(
        wire.filter((w) => w.direction === "sent").map((w) => w.message),
        2,
      );
      const init = wire.find(
        (w) => w.direction === "received" && "result" in w.message && w.message.id === 0,
      );
      expect(init, "an answer to initialize").toBeTruthy();
      const answer = schema.zInitializeResponse.safeParse(
        (init!.message as { result: unknown }).result,
      );
      expect(answer.success, JSON.stringify(answer.error?.issues)).toBe(true);
      expect(events.find((e) => e.kind === "agent_info")).toMatchObject({ version: c.version });

      const result = events.filter((e) => e.kind === "result").at(-1);
      expect(result).toMatchObject({ isError: true });
      const text = (result as { text: string }).text;
      expect(text).toContain(`${spec.label} answered: Authentication required`);
      expect(text).toContain(`To log it in: ${spec.login}.`);

      if (process.env.RECORD_ACP_FIXTURES)
        writeFileSync(
          path.resolve("tests/fixtures/acp", c.fixture),
          wire.map((w) => JSON.stringify(w)).join("\n") + "\n",
        );
    }, 90_000);
  }
});

describe("the recordings of real ACP agents (tests/fixtures/acp)", () => {
  const recorded = (file: string) =>
    readFileSync(path.resolve("tests/fixtures/acp", file), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { direction: string; message: AnyMessage });

  for (const c of CASES) {
    it(`${c.fixture}: what the agent said is valid by the protocol's schema and maps to no stray event`, () => {
      const wire = recorded(c.fixture);
      const state = newUpdateState();
      for (const { direction, message } of wire) {
        if (direction !== "received" || !("method" in message)) continue;
        expect(message.method).toBe("session/update");
        const parsed = schema.zSessionNotification.safeParse(message.params);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        const { update } = message.params as SessionNotification;
        // Commands the agent offers are not work: nothing goes into the run's record for them.
        expect(mapSessionUpdate(update, state)).toEqual([]);
      }
      const refusal = wire.find((w) => "error" in w.message)!.message as {
        error: { code: number; message: string };
      };
      expect(refusal.error).toEqual({ code: -32000, message: "Authentication required" });
    });
  }
});

// The agents page's checks, against real executables: the bundled demo agent and, where .ci/run
// installed it (TEST_CLAUDE_CLI), the real Claude Code CLI, which answers the handshake with its
// version and "no credentials" when not logged in.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as agentsRoute from "@/app/api/v1/agents/route";
import { generateKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";
import { AGENT_NAMES } from "@/lib/domain/agents";
import { probeStreamAgent } from "@/lib/runners/probe";
import type { AgentStatus } from "@/lib/services/agent-catalog";
import { freshDb } from "../setup/db";

describe("probing an agent by its handshake", () => {
  it("the demo agent answers with its version and needs no login", async () => {
    const loader = path.resolve("node_modules/tsx/dist/esm/index.mjs");
    const p = await probeStreamAgent(process.execPath, [
      "--import",
      loader,
      path.resolve("lib/runners/demo-agent/main.ts"),
    ]);
    expect(p).toEqual({ ok: true, version: "hiveboard-demo", credentials: "demo", error: null });
  });

  it("an executable that is not an agent is reported, not waited on forever", async () => {
    const p = await probeStreamAgent("/bin/false", [], 5000);
    expect(p.ok).toBe(false);
    expect(p.error).toMatch(/exited with code 1|no answer/);
  });

  it.skipIf(!process.env.TEST_CLAUDE_CLI)(
    "the real Claude Code CLI answers: its version, and no credentials",
    async () => {
      const home = process.env.HOME;
      process.env.HOME = mkdtempSync(path.join(tmpdir(), "claude-home-"));
      try {
        const p = await probeStreamAgent(process.env.TEST_CLAUDE_CLI!, []);
        expect(p).toMatchObject({ ok: true, credentials: "none", error: null });
        expect(p.version).toMatch(/^\d+\.\d+\.\d+/);
      } finally {
        process.env.HOME = home;
      }
    },
    30_000,
  );
});

describe("the agents catalog (the agents page and GET /api/v1/agents)", () => {
  it("lists every agent a pipeline may name; the bundled ACP agent answers its handshake; a missing one says how to install it", async () => {
    await freshDb();
    const k = generateKey();
    await getDb().apiKey.create({
      data: { name: "agents-script", role: "manager", prefix: k.prefix, hash: k.hash },
    });
    const PATH = process.env.PATH;
    process.env.PATH = "/usr/bin:/bin"; // no agent CLI here, whatever the machine has
    try {
      const res = await agentsRoute.GET(
        new Request("http://localhost/api/v1/agents", { headers: { "x-api-key": k.key } }),
      );
      expect(res.status).toBe(200);
      const { agents } = (await res.json()) as { agents: AgentStatus[] };
      expect(agents.map((a) => a.agent)).toEqual([...AGENT_NAMES, "command", "automagik"]);
      const by = Object.fromEntries(agents.map((a) => [a.agent, a]));
      expect(by["demo-acp"]).toMatchObject({
        found: true,
        ready: true,
        loggedIn: true,
        version: "Hiveboard demo agent 1.0.0",
      });
      expect(by.codex).toMatchObject({
        found: false,
        ready: false,
        fix: "npm install -g @zed-industries/codex-acp",
      });
      expect(by.codex.detail).toContain("no codex-acp on PATH");
      expect(by.goose.install).toContain("goose");
    } finally {
      process.env.PATH = PATH;
    }
  });

  it("is for managers and admins: a developer's key is refused", async () => {
    const k = generateKey();
    await getDb().apiKey.create({
      data: { name: "dev-script", role: "developer", prefix: k.prefix, hash: k.hash },
    });
    const res = await agentsRoute.GET(
      new Request("http://localhost/api/v1/agents", { headers: { "x-api-key": k.key } }),
    );
    expect(res.status).toBe(403);
  });
});

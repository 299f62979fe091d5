// The agents page's checks, against real executables: the bundled demo agent and, where .ci/run
// installed it (TEST_CLAUDE_CLI), the real Claude Code CLI, which answers the handshake with its
// version and "no credentials" when not logged in.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeStreamAgent } from "@/lib/runners/probe";

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

import "server-only";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { startAutomagik } from "./automagik";
import { startCommand } from "./command";
import type { RunnerEvent } from "./events";
import { startStreamJsonProcess } from "./stream-process";
import { planFor, sandboxWrapper } from "./sandbox";
import type { RunHandle, RunnerName, RunSpec } from "./types";

/** Where Claude Code is, if anywhere: CLAUDE_CODE_PATH, else `claude` on PATH. */
export function findClaudeExecutable(): string | null {
  const configured = env().CLAUDE_CODE_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "claude");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The runner a phase configured, with the demo agent standing in when Claude Code is absent. */
export function effectiveRunner(configured: string): RunnerName {
  if (configured === "claude-code") return findClaudeExecutable() ? "claude-code" : "demo";
  if (configured === "command" || configured === "automagik") return configured;
  return "demo";
}

/** Runners whose agent continues an earlier session by its id (stream-json `--resume`): a run they leave can be resumed elsewhere. */
export const resumesSession = (runner: string) => runner === "demo" || runner === "claude-code";

function streamArgs(spec: RunSpec & { mcpConfigPath?: string }): string[] {
  const args = [
    "-p",
    "--input-format",
    "stream-json",
    "--output-format",
    "stream-json",
    "--verbose",
    "--permission-prompt-tool",
    "stdio",
    "--max-turns",
    String(spec.maxTurns),
  ];
  if (spec.resumeSessionId) args.push("--resume", spec.resumeSessionId);
  if (spec.model) args.push("--model", spec.model);
  if (spec.mcpConfigPath) args.push("--mcp-config", spec.mcpConfigPath);
  return args;
}

/**
 * The run's MCP server and key, for the agent, in a file only this user may read (0600, in a 0700
 * folder) — never on its command line, where `ps` shows it to every user of the machine.
 */
function writeMcpConfig(mcp: { url: string; key: string }): { path: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-run-"));
  chmodSync(dir, 0o700);
  const file = path.join(dir, "mcp.json");
  writeFileSync(
    file,
    JSON.stringify({
      mcpServers: { hiveboard: { type: "http", url: mcp.url, headers: { "x-api-key": mcp.key } } },
    }),
    { mode: 0o600 },
  );
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The agent's sandbox: what it may see and touch (lib/runners/sandbox.ts). */
function sandboxFor(spec: RunSpec, readable: string[] = []) {
  const { DATABASE_URL, HIVEBOARD_DATA_DIR, HIVEBOARD_AGENT_SANDBOX } = env();
  return sandboxWrapper(
    HIVEBOARD_AGENT_SANDBOX,
    planFor({
      cwd: spec.cwd,
      dataDir: HIVEBOARD_DATA_DIR,
      databaseFile: DATABASE_URL.startsWith("file:") ? DATABASE_URL.slice(5) : null,
      appDir: process.cwd(),
      extraReadable: readable,
    }),
  );
}

/** A stream-json agent with its MCP configuration file, removed when the agent exits. */
function withMcpConfig(
  spec: RunSpec,
  start: (spec: RunSpec & { mcpConfigPath?: string }) => RunHandle,
): RunHandle {
  if (!spec.mcp) return start({ ...spec, sandbox: sandboxFor(spec) });
  const config = writeMcpConfig(spec.mcp);
  try {
    const handle = start({
      ...spec,
      mcpConfigPath: config.path,
      sandbox: sandboxFor(spec, [path.dirname(config.path)]),
    });
    void handle.exited.finally(config.remove);
    return handle;
  } catch (error) {
    config.remove();
    throw error;
  }
}

export function startRunner(
  runner: RunnerName,
  given: RunSpec & { command?: string | null },
  onEvent: (e: RunnerEvent) => void,
): RunHandle {
  // Every agent also finds the MCP server in its environment (command runners, scripts), and its
  // run's id (how a restarted server recognises an agent its predecessor left running).
  const spec = {
    ...given,
    env: {
      ...given.env,
      HIVEBOARD_RUN_ID: given.runId,
      ...(given.mcp ? { HIVEBOARD_MCP_URL: given.mcp.url, HIVEBOARD_MCP_KEY: given.mcp.key } : {}),
    },
  };
  switch (runner) {
    case "claude-code":
      return withMcpConfig(spec, (s) =>
        startStreamJsonProcess(
          findClaudeExecutable() ?? "claude",
          streamArgs({ ...s, model: s.model ?? env().CLAUDE_MODEL }),
          s,
          onEvent,
        ),
      );
    case "command":
      if (!spec.command)
        throw new Error("This phase uses the command runner but has no command configured.");
      return startCommand(spec.command, { ...spec, sandbox: sandboxFor(spec) }, onEvent);
    case "automagik":
      if (!spec.remote)
        throw new Error(
          "This phase uses the Automagik runner, but the project has no Automagik server: set one in the project's settings.",
        );
      return startAutomagik({ ...spec, remote: spec.remote }, onEvent);
    default: {
      // The app's own folder, not the run's: the agent runs inside the epic's worktree.
      const root = process.cwd();
      const loader = path.join(root, "node_modules/tsx/dist/esm/index.mjs");
      const agent = path.join(root, "lib/runners/demo-agent/main.ts");
      return withMcpConfig(spec, (s) =>
        startStreamJsonProcess(
          process.execPath,
          ["--import", loader, agent, ...streamArgs(s)],
          { ...s, env: { HIVEBOARD_DEMO_PACE_MS: String(env().HIVEBOARD_DEMO_PACE_MS), ...s.env } },
          onEvent,
        ),
      );
    }
  }
}

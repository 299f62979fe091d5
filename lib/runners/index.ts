import "server-only";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { agentOfRunner, AGENTS, splitCommandLine, type AgentName } from "@/lib/domain/agents";
import { startAcpProcess } from "./acp";
import { startAutomagik } from "./automagik";
import { startCommand } from "./command";
import type { RunnerEvent } from "./events";
import { startStreamJsonProcess } from "./stream-process";
import { planFor, sandboxWrapper } from "./sandbox";
import type { RunHandle, RunnerName, RunSpec } from "./types";

/** An executable on PATH, if there is one. */
export function findExecutable(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Where Claude Code is, if anywhere: CLAUDE_CODE_PATH, else `claude` on PATH. */
export function findClaudeExecutable(): string | null {
  const configured = env().CLAUDE_CODE_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return findExecutable("claude");
}

/** The runner a phase configured, with the demo agent standing in when Claude Code is absent. */
export function effectiveRunner(configured: string): RunnerName {
  if (configured === "claude-code") return findClaudeExecutable() ? "claude-code" : "demo";
  if (configured === "command" || configured === "automagik" || configured === "acp")
    return configured;
  return "demo";
}

/**
 * How a phase runs: its runner, and the agent and model a run records (what metrics compare).
 * Claude Code's absence is covered by the demo agent (the board says so); an ACP agent's is not:
 * its run fails saying how to install it.
 */
export function runPlan(
  phase: { runner: string; agent: string | null; model: string | null },
  override: { agent?: AgentName | null; model?: string | null } = {},
): { runner: RunnerName; agent: AgentName | null; model: string | null } {
  const agent = override.agent ?? (phase.agent as AgentName | null) ?? agentOfRunner(phase.runner);
  const model = override.model !== undefined ? override.model : phase.model;
  if (!agent) return { runner: effectiveRunner(phase.runner), agent: null, model: null };
  const runner = effectiveRunner(AGENTS[agent].runner);
  return { runner, agent: runner === "demo" ? "demo" : agent, model: model || null };
}

/** Runners whose agent continues an earlier session by its id (stream-json `--resume`, ACP `session/load`): a run they leave can be resumed elsewhere. */
export const resumesSession = (runner: string) =>
  runner === "demo" || runner === "claude-code" || runner === "acp";

/** The command line of an ACP agent: the bundled demo, a custom command, or a catalog agent found on PATH. */
export function acpCommandOf(agent: AgentName, custom: string | null | undefined): string[] {
  if (agent === "demo-acp") {
    const root = process.cwd();
    return [
      process.execPath,
      "--import",
      path.join(root, "node_modules/tsx/dist/esm/index.mjs"),
      path.join(root, "lib/runners/demo-agent/acp.ts"),
    ];
  }
  if (agent === "custom") {
    if (!custom)
      throw new Error("This phase's custom agent has no command line: set one in the pipeline.");
    return splitCommandLine(custom);
  }
  const spec = AGENTS[agent];
  const found = spec.bin ? findExecutable(spec.bin) : null;
  if (!found)
    throw new Error(
      `${spec.label} is not installed on this server (no ${spec.bin} on PATH). Install it: ${spec.install}`,
    );
  return [found, ...spec.args];
}

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
  given: RunSpec & { command?: string | null; agent?: AgentName | null },
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
    case "acp": {
      const agent = given.agent ?? "custom";
      const [command, ...args] = acpCommandOf(agent, spec.command);
      const info = { name: AGENTS[agent].label, login: AGENTS[agent].login };
      return startAcpProcess(
        command,
        args,
        {
          ...spec,
          env:
            agent === "demo-acp"
              ? { HIVEBOARD_DEMO_PACE_MS: String(env().HIVEBOARD_DEMO_PACE_MS), ...spec.env }
              : spec.env,
          agent: info,
          sandbox: sandboxFor(spec),
        },
        onEvent,
      );
    }
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

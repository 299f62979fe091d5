import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { startAutomagik } from "./automagik";
import { startCommand } from "./command";
import type { RunnerEvent } from "./events";
import { startStreamJsonProcess } from "./stream-process";
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

function streamArgs(spec: RunSpec): string[] {
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
  if (spec.mcp)
    args.push(
      "--mcp-config",
      JSON.stringify({
        mcpServers: {
          hiveboard: { type: "http", url: spec.mcp.url, headers: { "x-api-key": spec.mcp.key } },
        },
      }),
    );
  return args;
}

export function startRunner(
  runner: RunnerName,
  given: RunSpec & { command?: string | null },
  onEvent: (e: RunnerEvent) => void,
): RunHandle {
  // Every agent also finds the MCP server in its environment (command runners, scripts).
  const spec = given.mcp
    ? {
        ...given,
        env: { ...given.env, HIVEBOARD_MCP_URL: given.mcp.url, HIVEBOARD_MCP_KEY: given.mcp.key },
      }
    : given;
  switch (runner) {
    case "claude-code":
      return startStreamJsonProcess(
        findClaudeExecutable() ?? "claude",
        streamArgs({ ...spec, model: spec.model ?? env().CLAUDE_MODEL }),
        spec,
        onEvent,
      );
    case "command":
      if (!spec.command)
        throw new Error("This phase uses the command runner but has no command configured.");
      return startCommand(spec.command, spec, onEvent);
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
      return startStreamJsonProcess(
        process.execPath,
        ["--import", loader, agent, ...streamArgs(spec)],
        {
          ...spec,
          env: { HIVEBOARD_DEMO_PACE_MS: String(env().HIVEBOARD_DEMO_PACE_MS), ...spec.env },
        },
        onEvent,
      );
    }
  }
}

// The coding agents Hiveboard can drive, by the name a pipeline phase gives (`agent:`), and how
// each is reached: Claude Code over its stream-json protocol, the rest over the Agent Client
// Protocol (ACP, JSON-RPC over stdio). Pure data: the runners and the agents page read it.
// Agents are never dependencies of the app: each is installed on the server by its own line.
import { parse } from "shell-quote";

export const AGENT_NAMES = [
  "claude-code",
  "claude-acp",
  "codex",
  "gemini",
  "opencode",
  "qwen",
  "goose",
  "custom",
  "demo",
  "demo-acp",
] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export type AgentRunner = "claude-code" | "acp" | "demo";

export type AgentSpec = {
  label: string;
  runner: AgentRunner;
  /** The executable and its arguments (ACP agents); null when the phase's command says (custom) or it is bundled. */
  bin: string | null;
  args: string[];
  install: string | null;
  login: string | null;
  /** Environment variables that give it credentials, any one of which is enough. */
  credentialEnv: string[];
  homepage: string | null;
};

/** An agent bundled with Hiveboard: nothing to install, no login. */
const bundled = (label: string, runner: AgentRunner): AgentSpec => ({
  label,
  runner,
  bin: null,
  args: [],
  install: null,
  login: null,
  credentialEnv: [],
  homepage: null,
});

export const AGENTS: Record<AgentName, AgentSpec> = {
  "claude-code": {
    label: "Claude Code",
    runner: "claude-code",
    bin: "claude",
    args: [],
    install: "npm install -g @anthropic-ai/claude-code",
    login: "Run `claude` once as Hiveboard's user and /login, or set ANTHROPIC_API_KEY",
    credentialEnv: ["ANTHROPIC_API_KEY"],
    homepage: "https://docs.anthropic.com/en/docs/claude-code",
  },
  "claude-acp": {
    label: "Claude Code (ACP adapter)",
    runner: "acp",
    bin: "claude-agent-acp",
    args: [],
    install: "npm install -g @zed-industries/claude-agent-acp",
    login: "Run `claude` once as Hiveboard's user and /login, or set ANTHROPIC_API_KEY",
    credentialEnv: ["ANTHROPIC_API_KEY"],
    homepage: "https://github.com/zed-industries/claude-agent-acp",
  },
  codex: {
    label: "Codex",
    runner: "acp",
    bin: "codex-acp",
    args: [],
    install: "npm install -g @zed-industries/codex-acp",
    login: "Run `codex login` as Hiveboard's user, or set CODEX_API_KEY (or OPENAI_API_KEY)",
    credentialEnv: ["CODEX_API_KEY", "OPENAI_API_KEY"],
    homepage: "https://github.com/zed-industries/codex-acp",
  },
  gemini: {
    label: "Gemini CLI",
    runner: "acp",
    bin: "gemini",
    args: ["--experimental-acp"],
    install: "npm install -g @google/gemini-cli",
    login: "Run `gemini` once as Hiveboard's user and sign in, or set GEMINI_API_KEY",
    credentialEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    homepage: "https://github.com/google-gemini/gemini-cli",
  },
  opencode: {
    label: "OpenCode",
    runner: "acp",
    bin: "opencode",
    args: ["acp"],
    install: "npm install -g opencode-ai",
    login: "Run `opencode auth login` as Hiveboard's user",
    credentialEnv: [],
    homepage: "https://opencode.ai",
  },
  qwen: {
    label: "Qwen Code",
    runner: "acp",
    bin: "qwen",
    args: ["--experimental-acp"],
    install: "npm install -g @qwen-code/qwen-code",
    login: "Run `qwen` once as Hiveboard's user and sign in, or set OPENAI_API_KEY",
    credentialEnv: ["OPENAI_API_KEY"],
    homepage: "https://github.com/QwenLM/qwen-code",
  },
  goose: {
    label: "Goose",
    runner: "acp",
    bin: "goose",
    args: ["acp"],
    install: "Install the goose CLI (block.github.io/goose), then `goose configure`",
    login: "Run `goose configure` as Hiveboard's user",
    credentialEnv: [],
    homepage: "https://block.github.io/goose",
  },
  custom: {
    label: "Custom ACP agent",
    runner: "acp",
    bin: null,
    args: [],
    install: null,
    login: null,
    credentialEnv: [],
    homepage: "https://agentclientprotocol.com",
  },
  demo: bundled("Demo agent", "demo"),
  "demo-acp": bundled("Demo agent (ACP)", "acp"),
};

/** The agent a phase stored before phases named agents: what its runner drove. */
export function agentOfRunner(runner: string): AgentName | null {
  if (runner === "claude-code" || runner === "demo") return runner;
  if (runner === "acp") return "custom";
  return null;
}

/**
 * A custom agent's command line as program and arguments (shell-quote's parser: quotes and escapes
 * as a shell reads them). No shell runs it, so pipes, redirects, `&&` and globs are refused.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  for (const entry of parse(line, (name) => `$${name}`)) {
    if (typeof entry !== "string")
      throw new Error(
        "An agent's command is one program and its arguments: no pipes, redirects, && or globs",
      );
    words.push(entry);
  }
  if (words.length === 0) throw new Error("The agent's command is empty");
  return words;
}

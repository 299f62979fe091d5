import "server-only";

// Agents are untrusted code: any Bash command one runs can print its environment. So an agent
// process gets an allow-list of the server's environment — what tools and its model need — and
// none of Hiveboard's own settings or secrets (HIVEBOARD_ADMIN_API_KEY, BETTER_AUTH_SECRET,
// DATABASE_URL, REDIS_URL, …). Its run's MCP URL and key are added by the runner (spec.env).

const NAMES = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TERM",
  "COLORTERM",
  "TZ",
  "TMPDIR",
  "TEMP",
  "TMP",
  "XDG_CONFIG_HOME",
  "XDG_CACHE_HOME",
  "XDG_DATA_HOME",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  // The agents' own credentials and settings.
  "CLAUDE_CONFIG_DIR",
  "GOOGLE_API_KEY",
  "GOOGLE_APPLICATION_CREDENTIALS",
]);
const PREFIXES = [
  "LC_",
  "ANTHROPIC_",
  "CLAUDE_CODE_",
  "OPENAI_",
  "CODEX_",
  "GEMINI_",
  "QWEN_",
  "OPENCODE_",
  "GOOSE_",
  "HIVEBOARD_DEMO_",
];
/** Never, whatever the lists above say: Hiveboard's own configuration. */
const NEVER = [
  "HIVEBOARD_ADMIN_API_KEY",
  "BETTER_AUTH_SECRET",
  "BETTER_AUTH_URL",
  "DATABASE_URL",
  "REDIS_URL",
  "CLAUDE_CODE_PATH",
];

export function agentEnvironment(
  extra: Record<string, string> = {},
  source: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || NEVER.includes(name)) continue;
    if (NAMES.has(name) || PREFIXES.some((p) => name.startsWith(p))) env[name] = value;
  }
  // Not even NODE_ENV: the server's "production" would make an agent's `npm install` skip dev tools.
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

/** The first of an agent's credential variables set for Hiveboard (and so passed to its agents). */
export function credentialSet(names: string[]): string | undefined {
  return names.find((name) => process.env[name]);
}

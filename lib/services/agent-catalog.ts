import "server-only";
import { getDb } from "@/lib/db/client";
import { AGENT_NAMES, AGENTS, type AgentName } from "@/lib/domain/agents";
import { acpCommandOf, findClaudeExecutable, findExecutable } from "@/lib/runners";
import { probeAcpAgent } from "@/lib/runners/acp-probe";
import { credentialSet } from "@/lib/runners/agent-env";
import { probeStreamAgent } from "@/lib/runners/probe";

/** One agent as the agents page and `GET /api/v1/agents` show it. */
export type AgentStatus = {
  /** The name a pipeline gives it (`agent:`), or the runner for what is not a coding agent. */
  agent: AgentName | "command" | "automagik";
  name: string;
  runner: string;
  /** Its executable is on this server (bundled ones always are). */
  found: boolean;
  /** What it says it is, from its own handshake. */
  version: string | null;
  /** true / false when it can be told without a run; null when only a run's first prompt will tell. */
  loggedIn: boolean | null;
  ready: boolean;
  detail: string;
  /** The one line that fixes what is missing; null when nothing is. */
  fix: string | null;
  install: string | null;
  login: string | null;
  homepage: string | null;
};

const g = globalThis as unknown as {
  __hiveboardAgentProbes?: Map<string, { at: number; status: AgentStatus }>;
};
const cache = (g.__hiveboardAgentProbes ??= new Map());

/** A probe's answer for a minute: starting an agent costs a second or two. */
async function cached(key: string, probe: () => Promise<AgentStatus>): Promise<AgentStatus> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.status;
  const status = await probe();
  cache.set(key, { at: Date.now(), status });
  return status;
}

const base = (agent: AgentName) => {
  const spec = AGENTS[agent];
  return {
    agent,
    name: spec.label,
    runner: spec.runner,
    install: spec.install,
    login: spec.login,
    homepage: spec.homepage,
  };
};

/** An agent that cannot work yet: whether it was found, what is wrong, and the line that fixes it. */
const notReady = (
  b: ReturnType<typeof base>,
  found: boolean,
  detail: string,
  fix: string | null,
): AgentStatus => ({ ...b, found, version: null, loggedIn: null, ready: false, detail, fix });

/** Claude Code: found? which version? logged in? (its own answer to the handshake a run opens with). */
async function claudeCodeStatus(): Promise<AgentStatus> {
  const path = findClaudeExecutable();
  const b = base("claude-code");
  if (!path)
    return notReady(
      b,
      false,
      "Not found on this server: runs that ask for it use the demo agent.",
      `${b.install} (or set CLAUDE_CODE_PATH), then log it in`,
    );
  const p = await probeStreamAgent(path, []);
  if (!p.ok)
    return notReady(
      b,
      true,
      `${path} did not answer: ${p.error}`,
      `Run ${path} --version to see what is wrong`,
    );
  const loggedIn = p.credentials !== null && p.credentials !== "none";
  return {
    ...b,
    found: true,
    version: p.version,
    loggedIn,
    ready: loggedIn,
    detail: loggedIn
      ? `${path} · version ${p.version ?? "?"} · credentials: ${p.credentials}`
      : `${path} · version ${p.version ?? "?"} · not logged in (no login or API key)`,
    fix: loggedIn ? null : b.login,
  };
}

/**
 * An ACP agent: found on PATH? what its `initialize` says it is. Whether it is logged in, ACP says
 * only when a session is asked for, so that is known here only when a credential variable is set.
 */
async function acpStatus(agent: AgentName): Promise<AgentStatus> {
  const spec = AGENTS[agent];
  const b = base(agent);
  if (agent === "custom")
    return {
      ...b,
      found: true,
      version: null,
      loggedIn: null,
      ready: true,
      detail: "Any agent that speaks ACP on stdio: give its command line in the phase.",
      fix: null,
    };
  const bundled = agent === "demo-acp";
  if (!bundled && !(spec.bin && findExecutable(spec.bin)))
    return notReady(
      b,
      false,
      `Not found on this server (no ${spec.bin} on PATH): phases that name it fail with this line.`,
      spec.install,
    );
  const [command, ...args] = acpCommandOf(agent, null);
  const p = await probeAcpAgent(command, args);
  if (!p.ok)
    return notReady(
      b,
      true,
      `${command} did not answer the ACP handshake: ${p.error}`,
      `Run ${[command, ...args].join(" ")} by hand to see what is wrong`,
    );
  const credential = credentialSet(spec.credentialEnv);
  const loggedIn = bundled ? true : credential ? true : null;
  const where = bundled ? "Bundled" : command;
  return {
    ...b,
    found: true,
    version: p.version,
    loggedIn,
    ready: true,
    detail: bundled
      ? `Bundled · ${p.version ?? "?"} · speaks ACP; simulated runs, no login`
      : `${where} · ${p.version ?? "?"} · ${
          credential
            ? `credentials: ${credential}`
            : `login checked when a run starts${p.authMethods.length ? ` (signs in with ${p.authMethods.join(", ")})` : ""}`
        }`,
    fix: loggedIn ? null : spec.login,
  };
}

/** Every agent Hiveboard can drive here, and what each needs. */
export async function agentStatuses(): Promise<AgentStatus[]> {
  const projects = await getDb().project.findMany({
    select: { name: true, automagikUrl: true },
    orderBy: { name: "asc" },
  });
  const remote = projects.filter((p) => p.automagikUrl);
  const agents = await Promise.all(
    AGENT_NAMES.map((agent) =>
      cached(agent, async () => {
        if (agent === "claude-code") return claudeCodeStatus();
        if (agent === "demo")
          return {
            ...base(agent),
            found: true,
            version: "hiveboard-demo",
            loggedIn: true,
            ready: true,
            detail:
              "Bundled; speaks Claude Code's protocol; stands in where Claude Code is missing.",
            fix: null,
          };
        return acpStatus(agent);
      }),
    ),
  );
  const other = { found: true, version: null, loggedIn: null, install: null, login: null };
  return [
    ...agents,
    {
      ...other,
      agent: "command",
      name: "Shell command",
      runner: "command",
      ready: true,
      detail: "A phase's shell command in the epic's worktree; its exit code is the result.",
      fix: null,
      homepage: null,
    },
    {
      ...other,
      agent: "automagik",
      name: "Automagik",
      runner: "automagik",
      ready: remote.length > 0,
      detail: remote.length
        ? `Servers set for: ${remote.map((p) => `${p.name} (${p.automagikUrl})`).join(", ")}`
        : "No project has an Automagik server.",
      fix: remote.length ? null : "Set a server URL and key in a project's settings",
      homepage: null,
    },
  ];
}

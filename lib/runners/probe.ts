import "server-only";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { agentEnvironment } from "./agent-env";
import { initializeLine, newStreamState, parseStreamLine } from "./claude-stream";

export type Probe = {
  ok: boolean;
  version: string | null;
  credentials: string | null;
  error: string | null;
};

/**
 * A cheap look at a stream-json agent: start it as a run would, send only the SDK's initialize
 * handshake, read its answer (version, credentials), end it. No message is sent, nothing is billed.
 */
export function probeStreamAgent(
  command: string,
  args: string[],
  timeoutMs = 15_000,
): Promise<Probe> {
  return new Promise((resolve) => {
    const child = spawn(
      command,
      [
        ...args,
        "-p",
        "--input-format",
        "stream-json",
        "--output-format",
        "stream-json",
        "--verbose",
      ],
      {
        env: agentEnvironment(),
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let settled = false;
    const done = (p: Probe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdin.end();
      child.kill("SIGTERM");
      resolve(p);
    };
    const timer = setTimeout(
      () =>
        done({
          ok: false,
          version: null,
          credentials: null,
          error: `no answer within ${timeoutMs / 1000} s`,
        }),
      timeoutMs,
    );
    child.on("error", (e) =>
      done({ ok: false, version: null, credentials: null, error: e.message }),
    );
    child.stdin.on("error", () => undefined);
    const state = newStreamState();
    createInterface({ input: child.stdout }).on("line", (line) => {
      for (const e of parseStreamLine(line, state)) {
        if (e.kind === "agent_info")
          done({ ok: true, version: e.version, credentials: e.credentials, error: null });
      }
    });
    child.on("close", (code) =>
      done({
        ok: false,
        version: null,
        credentials: null,
        error: `exited with code ${code} before answering`,
      }),
    );
    child.stdin.write(`${initializeLine(randomUUID())}\n`);
  });
}

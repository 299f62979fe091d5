import "server-only";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { approvalResponseLine, interruptLine, newStreamState, parseStreamLine, userMessageLine } from "./claude-stream";
import type { RunnerEvent } from "./events";
import type { RunHandle, RunSpec } from "./types";

/** Lines of stderr kept per run: enough to diagnose, bounded so a noisy agent cannot fill the disk. */
export const STDERR_LINE_LIMIT = 400;
const KILL_GRACE_MS = 3000;

/**
 * Drives an agent that speaks Claude Code's stream-json protocol (Claude Code itself, or the demo
 * agent) as a child process. The prompt is the first user message; stdin stays open while the
 * run may still take input and is closed after the final result, which lets the agent exit.
 */
export function startStreamJsonProcess(
  command: string,
  args: string[],
  spec: RunSpec,
  onEvent: (event: RunnerEvent) => void,
): RunHandle {
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ["pipe", "pipe", "pipe"],
    detached: true, // its own process group, so kill reaches the agent's children too
  });
  let stdinOpen = true;
  let followUps = 0; // messages sent after an interrupt: each starts a new query with its own result
  let unacknowledged = 0; // messages written since the agent's last turn
  let stderrLines = 0;
  const state = newStreamState();

  const write = (line: string) => {
    if (!stdinOpen || !child.stdin.writable) return false;
    child.stdin.write(`${line}\n`);
    return true;
  };
  const closeStdin = () => {
    if (stdinOpen) child.stdin.end();
    stdinOpen = false;
  };
  child.stdin.on("error", () => void (stdinOpen = false));

  const stdoutDone = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      for (const event of parseStreamLine(line, state)) {
        if (event.kind === "turn") unacknowledged = 0;
        onEvent(event);
        // After a final result nothing more is expected, unless a message is still to be answered.
        if (event.kind === "result") {
          if (followUps > 0) followUps -= 1;
          else if (unacknowledged > 0) unacknowledged = 0;
          else if (!spec.holdOpen?.()) closeStdin();
        }
      }
    }).on("close", resolve);
  });
  const stderrDone = new Promise<void>((resolve) => {
    createInterface({ input: child.stderr }).on("line", (line) => {
      stderrLines += 1;
      if (stderrLines <= STDERR_LINE_LIMIT) onEvent({ kind: "log", stream: "stderr", line: line.slice(0, 2000) });
      else if (stderrLines === STDERR_LINE_LIMIT + 1) onEvent({ kind: "log", stream: "stderr", line: `… more stderr not kept (limit ${STDERR_LINE_LIMIT} lines)` });
    }).on("close", resolve);
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let spawnError: Error | null = null;
    child.on("error", (error) => {
      spawnError = error;
      stdinOpen = false;
      onEvent({ kind: "error", message: `Could not start ${command}: ${error.message}` });
      resolve({ code: null, signal: null });
    });
    child.on("close", async (code, signal) => {
      stdinOpen = false;
      if (spawnError) return;
      await Promise.all([stdoutDone, stderrDone]);
      resolve({ code, signal });
    });
  });

  write(userMessageLine(spec.prompt, `prompt-${spec.runId}`));

  return {
    send(feedbackId, text, opts) {
      const ok = write(userMessageLine(text, feedbackId));
      if (ok) {
        unacknowledged += 1;
        if (opts?.afterInterrupt) followUps += 1;
        if (opts?.receipt !== false) onEvent({ kind: "feedback_delivered", feedbackId });
      }
      return ok;
    },
    answer: (requestId, answer) => write(approvalResponseLine(requestId, answer)),
    interrupt: () => write(interruptLine(randomUUID())),
    kill() {
      closeStdin();
      const group = child.pid ? -child.pid : 0;
      const signal = (sig: NodeJS.Signals) => {
        try {
          if (group) process.kill(group, sig);
        } catch {
          /* already gone */
        }
      };
      signal("SIGTERM");
      setTimeout(() => child.exitCode === null && child.signalCode === null && signal("SIGKILL"), KILL_GRACE_MS).unref();
    },
    exited,
  };
}

import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import {
  approvalResponseLine,
  initializeLine,
  interruptLine,
  newStreamState,
  parseStreamLine,
  userMessageLine,
} from "./claude-stream";
import { agentEnvironment } from "./agent-env";
import type { RunnerEvent } from "./events";
import type { RunHandle, RunSpec } from "./types";

/** Lines of stderr kept per run: enough to diagnose, bounded so a noisy agent cannot fill the disk. */
export const STDERR_LINE_LIMIT = 400;
const KILL_GRACE_MS = 3000;

/** An agent's stderr as log events, bounded so a noisy agent cannot fill the disk; resolves at its end. */
export function pipeStderr(
  stderr: NodeJS.ReadableStream,
  onEvent: (event: RunnerEvent) => void,
): Promise<void> {
  let lines = 0;
  return new Promise<void>((resolve) => {
    createInterface({ input: stderr })
      .on("line", (line) => {
        lines += 1;
        if (lines <= STDERR_LINE_LIMIT)
          onEvent({ kind: "log", stream: "stderr", line: line.slice(0, 2000) });
        else if (lines === STDERR_LINE_LIMIT + 1)
          onEvent({
            kind: "log",
            stream: "stderr",
            line: `… more stderr not kept (limit ${STDERR_LINE_LIMIT} lines)`,
          });
      })
      .on("close", resolve);
  });
}

/** Ends an agent's process group: SIGTERM, then SIGKILL if it has not gone after a grace period. */
export function endProcessGroup(child: ChildProcess) {
  const group = child.pid ? -child.pid : 0;
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (group) process.kill(group, sig);
    } catch {
      /* already gone */
    }
  };
  signal("SIGTERM");
  setTimeout(
    () => child.exitCode === null && child.signalCode === null && signal("SIGKILL"),
    KILL_GRACE_MS,
  ).unref();
}

/**
 * Starts an agent's process in the epic's worktree: inside the sandbox where there is one, with the
 * allow-listed environment, in its own process group so a kill reaches the agent's children too.
 */
export function spawnAgent(command: string, args: string[], spec: RunSpec) {
  const [program, argv] = spec.sandbox?.(command, args) ?? [command, args];
  return spawn(program, argv, {
    cwd: spec.cwd,
    env: agentEnvironment(spec.env),
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
}

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
  const child = spawnAgent(command, args, spec);
  let stdinOpen = true;
  // Every message written to the agent (the prompt, feedback, an answer), by the uuid it was sent
  // with, until the agent has taken it in and ended the query that took it (a result). Claude Code
  // says when it takes one in (command_lifecycle "started"); an agent that does not is taken to
  // have taken in what it was sent by its next turn.
  const inputs = new Map<string, { id: string; started: boolean }>();
  let receipts = false;
  const started = (uuid: string) => {
    const input = inputs.get(uuid);
    if (!input || input.started) return;
    input.started = true;
    onEvent({ kind: "input_started", inputId: input.id });
  };
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
    createInterface({ input: child.stdout })
      .on("line", (line) => {
        for (const event of parseStreamLine(line, state)) {
          if (event.kind === "lifecycle") {
            receipts = true;
            if (event.state === "started") started(event.uuid);
            else if (event.state === "cancelled") inputs.delete(event.uuid);
            continue;
          }
          if (event.kind === "turn" && !receipts) for (const uuid of inputs.keys()) started(uuid);
          onEvent(event);
          if (event.kind === "result") {
            // This query is over: what it took in is done. The run ends only when nothing written is
            // still to be taken in and the host waits on no person (an open decision or approval).
            // What the agent took in is answered by this result (Claude Code also names them).
            for (const uuid of event.inputUuids ?? []) inputs.delete(uuid);
            for (const [uuid, input] of inputs) if (input.started) inputs.delete(uuid);
            if (inputs.size === 0 && !spec.holdOpen?.()) closeStdin();
          }
        }
      })
      .on("close", resolve);
  });
  const stderrDone = pipeStderr(child.stderr, onEvent);

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

  const sendInput = (id: string, text: string) => {
    const uuid = randomUUID();
    if (!write(userMessageLine(text, uuid))) return false;
    inputs.set(uuid, { id, started: false });
    return true;
  };
  // As the SDK opens: the handshake first, then the prompt (the agent queues it meanwhile).
  write(initializeLine(randomUUID()));
  sendInput(spec.promptId ?? `prompt-${spec.runId}`, spec.prompt);

  return {
    pid: child.pid,
    send(feedbackId, text, opts) {
      const ok = sendInput(feedbackId, text);
      if (ok && opts?.receipt !== false) onEvent({ kind: "feedback_delivered", feedbackId });
      return ok;
    },
    answer: (requestId, answer) => write(approvalResponseLine(requestId, answer)),
    interrupt: () => write(interruptLine(randomUUID())),
    kill() {
      closeStdin();
      endProcessGroup(child);
    },
    exited,
  };
}

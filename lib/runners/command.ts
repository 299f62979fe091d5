import "server-only";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { agentEnvironment } from "./agent-env";
import type { RunnerEvent } from "./events";
import type { RunHandle, RunSpec } from "./types";

const LINE_LIMIT = 5000;

/** Runs a phase's shell command (e.g. `npm test`): each output line is an event, the exit code the result. */
export function startCommand(
  command: string,
  spec: RunSpec,
  onEvent: (event: RunnerEvent) => void,
): RunHandle {
  const started = Date.now();
  const [program, args] = spec.sandbox?.("sh", ["-c", command]) ?? ["sh", ["-c", command]];
  const child = spawn(program, args, {
    cwd: spec.cwd,
    env: agentEnvironment(spec.env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let lines = 0;
  const pipe = (stream: NodeJS.ReadableStream, name: "stdout" | "stderr") =>
    new Promise<void>((resolve) =>
      createInterface({ input: stream })
        .on("line", (line) => {
          if (++lines <= LINE_LIMIT)
            onEvent({ kind: "log", stream: name, line: line.slice(0, 2000) });
        })
        .on("close", resolve),
    );
  const done = Promise.all([pipe(child.stdout, "stdout"), pipe(child.stderr, "stderr")]);
  onEvent({ kind: "turn", turn: 1, messageId: "command" });
  onEvent({ kind: "text", text: `$ ${command}`, messageId: "command" });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("error", (error) => {
      onEvent({ kind: "error", message: `Could not run the command: ${error.message}` });
      resolve({ code: null, signal: null });
    });
    child.on("close", async (code, signal) => {
      await done;
      if (lines > LINE_LIMIT)
        onEvent({
          kind: "log",
          stream: "stdout",
          line: `… ${lines - LINE_LIMIT} more lines not kept`,
        });
      const ok = code === 0;
      onEvent({
        kind: "result",
        subtype: ok ? "success" : "error_exit_code",
        isError: !ok,
        numTurns: 1,
        costUsd: 0,
        inputTokens: 0,
        outputTokens: 0,
        sessionId: null,
        text: ok ? "Command succeeded" : `Command exited with ${signal ?? `code ${code}`}`,
        durationMs: Date.now() - started,
      });
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid,
    send: () => false,
    answer: () => false,
    interrupt: () => false,
    kill: () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    },
    exited,
  };
}

import "server-only";
import { OutboundRefused, outboundFetch } from "@/lib/http/outbound";
import { remoteToRunStatus } from "@/lib/domain/automagik";
import type { RunnerEvent } from "./events";
import type { RunHandle, RunSpec } from "./types";

// A phase run on a remote Automagik workflows server: start, poll the status with backoff, map
// turns/cost/tokens/result into our events, feedback via add-message, kill. Unknown fields are
// ignored; a server that is down is retried until the phase's timeout, then the run fails saying so.

export type RemoteSpec = {
  baseUrl: string;
  apiKey: string;
  workflow: string;
  timeoutSec: number;
  sessionName: string;
  /** The project's repository and the epic's branch: the remote agent works on them. */
  repositoryUrl?: string | null;
  gitBranch?: string | null;
};

class RemoteError extends Error {
  constructor(
    message: string,
    /** 0 when the server could not be reached at all. */
    readonly status: number,
  ) {
    super(message);
  }
}
const transient = (e: unknown) =>
  !(e instanceof RemoteError) || e.status === 0 || e.status === 429 || e.status >= 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Status = {
  status?: string;
  session_id?: string;
  progress?: { turns?: number; current_phase?: string };
  metrics?: {
    cost_usd?: number;
    tokens?: {
      input?: number;
      output?: number;
      cache_created?: number;
      cache_read?: number;
      total?: number;
    };
  };
  result?: { success?: boolean; message?: string; final_output?: string | null };
  error?: string | null;
};

export function startAutomagik(
  spec: RunSpec & { remote: RemoteSpec },
  onEvent: (event: RunnerEvent) => void,
  timing = { firstRetryMs: 1000, maxRetryMs: 30_000, minPollMs: 500, maxPollMs: 5000 },
): RunHandle {
  const { remote } = spec;
  const base = `${remote.baseUrl.replace(/\/$/, "")}/api/v1/workflows/claude-code`;
  const started = Date.now();
  const deadline = started + remote.timeoutSec * 1000;
  let runId: string | null = null;
  let killed = false;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await outboundFetch(`${base}${path}`, {
        method,
        headers: {
          "x-api-key": remote.apiKey,
          "content-type": "application/json",
          accept: "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      // Where the address leads (a private network, unless allowed) does not change on a retry.
      if (error instanceof OutboundRefused) throw new RemoteError(error.message, 400);
      throw new RemoteError(
        `cannot reach ${remote.baseUrl} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`,
        0,
      );
    }
    const json = (await res.json().catch(() => ({}))) as { detail?: unknown; error?: unknown };
    if (!res.ok)
      throw new RemoteError(
        `${remote.baseUrl} answered ${res.status}: ${typeof json.detail === "string" ? json.detail : JSON.stringify(json.detail ?? json.error ?? "")}`,
        res.status,
      );
    return json as T;
  }

  /** Retries transient failures with a doubling wait until the phase's deadline. */
  async function persist<T>(what: string, attempt: () => Promise<T>): Promise<T | null> {
    let wait = timing.firstRetryMs;
    for (;;) {
      if (killed) return null;
      try {
        return await attempt();
      } catch (error) {
        if (!transient(error) || Date.now() + wait > deadline) {
          onEvent({
            kind: "error",
            message: `Automagik ${what} failed: ${(error as Error).message}`,
          });
          return null;
        }
        onEvent({
          kind: "log",
          stream: "stderr",
          line: `Automagik ${what}: ${(error as Error).message}; retrying in ${Math.round(wait / 1000)} s`,
        });
        await sleep(wait);
        wait = Math.min(wait * 2, timing.maxRetryMs);
      }
    }
  }

  async function drive(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const start = await persist("start", () =>
      call<{ run_id?: string; session_id?: string }>(
        "POST",
        `/run/${encodeURIComponent(remote.workflow)}`,
        {
          message: spec.prompt,
          max_turns: spec.maxTurns,
          timeout: Math.max(60, Math.min(14_400, remote.timeoutSec)),
          session_name: remote.sessionName,
          session_id: spec.resumeSessionId ?? undefined,
          repository_url: remote.repositoryUrl ?? undefined,
          git_branch: remote.gitBranch ?? undefined,
          input_format: "stream-json",
        },
      ),
    );
    if (!start?.run_id) {
      if (start)
        onEvent({ kind: "error", message: "The Automagik server did not return a run_id." });
      return { code: null, signal: killed ? "SIGTERM" : null };
    }
    runId = start.run_id;
    onEvent({
      kind: "init",
      sessionId: start.session_id ?? runId,
      model: `automagik:${remote.workflow}`,
      tools: [],
    });
    onEvent({
      kind: "text",
      text: `Started ${remote.workflow} on ${remote.baseUrl} (remote run ${runId}).`,
      messageId: null,
    });
    if (killed) await call("POST", `/run/${runId}/kill`).catch(() => undefined);

    let turns = 0;
    let lastMessage = "";
    let poll = timing.minPollMs;
    for (;;) {
      await sleep(poll);
      if (killed) return { code: null, signal: "SIGTERM" };
      const s = await persist("status", () => call<Status>("GET", `/run/${runId}/status`));
      if (!s) return { code: null, signal: killed ? "SIGTERM" : null };
      const now = Number(s.progress?.turns ?? turns);
      poll = now > turns ? timing.minPollMs : Math.min(poll * 1.5, timing.maxPollMs);
      for (; turns < now;) onEvent({ kind: "turn", turn: ++turns, messageId: `${runId}-${turns}` });
      const message = s.result?.message ?? "";
      if (message && message !== lastMessage)
        onEvent({ kind: "text", text: message, messageId: `${runId}-${turns}` });
      lastMessage = message || lastMessage;
      // A real server answers a failed workflow with status "completed" and result.success false
      // (or progress.current_phase "failed"): that is a failure, in its own words.
      const reported = remoteToRunStatus(s.status);
      const failedInside =
        reported === "completed" &&
        (s.result?.success === false || s.progress?.current_phase === "failed");
      const status = failedInside ? "failed" : reported;
      if (
        status === "completed" ||
        status === "failed" ||
        status === "killed" ||
        status === "timed_out"
      ) {
        const ok = status === "completed";
        const tokens = s.metrics?.tokens ?? {};
        const input =
          Number(tokens.input ?? 0) +
          Number(tokens.cache_created ?? 0) +
          Number(tokens.cache_read ?? 0);
        const output = Number(tokens.output ?? 0);
        onEvent({
          kind: "result",
          subtype: ok ? "success" : `error_${status}`,
          isError: !ok,
          numTurns: turns,
          costUsd: Number(s.metrics?.cost_usd ?? 0),
          // Some servers give only the total: what is not output is counted as input.
          inputTokens: input || Math.max(0, Number(tokens.total ?? 0) - output),
          outputTokens: output,
          cacheCreatedTokens: Number(tokens.cache_created ?? 0),
          cacheReadTokens: Number(tokens.cache_read ?? 0),
          sessionId: s.session_id ?? null,
          text: failedInside
            ? (s.result?.message ?? s.error ?? "The remote workflow failed.")
            : (s.result?.final_output ?? s.error ?? s.result?.message ?? null),
          durationMs: Date.now() - started,
          reason: failedInside ? (s.result?.message ?? null) : null,
        });
        return { code: ok ? 0 : 1, signal: status === "killed" ? "SIGTERM" : null };
      }
    }
  }

  const exited = drive().catch((error) => {
    onEvent({ kind: "error", message: `Automagik runner: ${(error as Error).message}` });
    return { code: null, signal: null } as const;
  });

  return {
    send(feedbackId, text) {
      if (!runId) return false;
      void call("POST", `/run/${runId}/add-message`, { message_type: "user", content: text }).then(
        () => onEvent({ kind: "feedback_delivered", feedbackId }),
        (error) =>
          onEvent({
            kind: "log",
            stream: "stderr",
            line: `Automagik add-message failed: ${(error as Error).message}`,
          }),
      );
      return true;
    },
    answer: () => false,
    interrupt: () => false,
    kill() {
      killed = true;
      if (runId) void call("POST", `/run/${runId}/kill`).catch(() => undefined);
    },
    exited,
  };
}

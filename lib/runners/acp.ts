import "server-only";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import {
  client,
  PROTOCOL_VERSION,
  RequestError,
  type AnyMessage,
  type ClientCapabilities,
  type McpServer,
  type PermissionOption,
  type RequestPermissionResponse,
  type SessionConfigOption,
} from "@agentclientprotocol/sdk";
import { flushText, mapSessionUpdate, newUpdateState } from "./acp-updates";
import type { RunnerEvent } from "./events";
import { endProcessGroup, pipeStderr, spawnAgent } from "./stream-process";
import type { ApprovalAnswer, RunHandle, RunSpec } from "./types";

/** Lines on stdout that are not JSON-RPC, kept as log events up to this many. */
const GARBAGE_LIMIT = 50;
/** What Hiveboard really serves to an agent: no file system or terminal of its own (the agent has the worktree). */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  fs: { readTextFile: false, writeTextFile: false },
  terminal: false,
};

export type AcpAgentInfo = { name: string; login: string | null };
type Input = { id: string; text: string; receipt: boolean };

/**
 * Drives an agent that speaks the Agent Client Protocol on stdio (JSON-RPC 2.0, one message per
 * line) with the protocol's own SDK: initialize, a session in the epic's worktree with Hiveboard's
 * MCP server, then one `session/prompt` per message. ACP has no way into a turn that is under way,
 * so a message sent meanwhile waits for the turn's end and says so; interrupting is `session/cancel`.
 * `tap` sees every message sent and received (the conformance tests validate them against the SDK's schema).
 */
export function startAcpProcess(
  command: string,
  args: string[],
  spec: RunSpec & { agent: AcpAgentInfo },
  onEvent: (event: RunnerEvent) => void,
  tap?: (direction: "sent" | "received", message: AnyMessage) => void,
): RunHandle {
  const child = spawnAgent(command, args, spec);
  child.stdin.on("error", () => undefined);
  const label = spec.agent.name;
  let garbage = 0;
  let readController!: ReadableStreamDefaultController<AnyMessage>;
  const readable = new ReadableStream<AnyMessage>({ start: (c) => void (readController = c) });
  const stdoutDone = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout })
      .on("line", (line) => {
        if (!line.trim()) return;
        let message: AnyMessage;
        try {
          message = JSON.parse(line);
        } catch {
          garbage += 1;
          if (garbage <= GARBAGE_LIMIT)
            onEvent({ kind: "log", stream: "stdout", line: line.slice(0, 2000) });
          return;
        }
        tap?.("received", message);
        readController.enqueue(message);
      })
      .on("close", () => {
        try {
          readController.close();
        } catch {
          /* already closed */
        }
        resolve();
      });
  });
  const writable = new WritableStream<AnyMessage>({
    write(message) {
      tap?.("sent", message);
      if (child.stdin.writable) child.stdin.write(`${JSON.stringify(message)}\n`);
    },
  });
  const stderrDone = pipeStderr(child.stderr, onEvent);

  const state = newUpdateState();
  const queue: Input[] = [];
  const permissions = new Map<
    string,
    { options: PermissionOption[]; resolve: (r: RequestPermissionResponse) => void }
  >();
  let sessionId: string | null = null;
  let turn = 0;
  let inFlight: Input | null = null;
  let tookIn = false;
  let replaying = false;
  let ended = false; // the session is over by Hiveboard's doing: the process's exit is ours
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };

  const app = client({ name: "hiveboard" })
    .onNotification("session/update", ({ params }) => {
      if (replaying || params.sessionId !== sessionId) return;
      // The agent acts on the message it was given: its first word on it is the receipt.
      if (inFlight && !tookIn) {
        tookIn = true;
        onEvent({ kind: "input_started", inputId: inFlight.id });
      }
      for (const event of mapSessionUpdate(params.update, state)) onEvent(event);
    })
    .onRequest("session/request_permission", ({ params }) => {
      for (const event of flushText(state)) onEvent(event);
      const requestId = randomUUID();
      const call = params.toolCall;
      const known = state.tools.get(call.toolCallId);
      return new Promise<RequestPermissionResponse>((resolve) => {
        permissions.set(requestId, { options: params.options, resolve });
        onEvent({
          kind: "approval_request",
          requestId,
          toolName: call.title ?? known?.title ?? call.kind ?? "a tool",
          input: call.rawInput ?? known?.input ?? {},
          description: params.options.map((o) => o.name).join(" · "),
        });
      });
    });
  const connection = app.connect({ readable, writable });
  const agent = connection.agent;

  /** Answers what the agent still waits on with "cancelled" (as the protocol asks after session/cancel). */
  const withdrawPermissions = () => {
    for (const [requestId, p] of permissions) {
      p.resolve({ outcome: { outcome: "cancelled" } });
      onEvent({ kind: "approval_cancelled", requestId });
    }
    permissions.clear();
  };

  let stage: "starting" | "working" = "starting";
  const note = (line: string) => onEvent({ kind: "log", stream: "stdout", line });
  const failWith = (error: unknown) => {
    const message = describeError(error, spec.agent, stage);
    onEvent({ kind: "error", message });
    onEvent(resultEvent("error", true, message));
  };
  const resultEvent = (subtype: string, isError: boolean, text: string | null): RunnerEvent => ({
    kind: "result",
    subtype,
    isError,
    numTurns: turn,
    costUsd: state.costUsd,
    inputTokens: 0,
    outputTokens: 0,
    sessionId,
    text,
    durationMs: null,
    reason: isError ? subtype : null,
  });

  const endSession = () => {
    ended = true;
    withdrawPermissions();
    connection.close();
    if (child.stdin.writable) child.stdin.end();
    // A well-behaved agent exits on end of input; one that does not is ended.
    setTimeout(() => child.exitCode === null && endProcessGroup(child), 2000).unref();
  };

  async function drive() {
    const init = await agent.request("initialize", {
      protocolVersion: PROTOCOL_VERSION,
      clientCapabilities: CLIENT_CAPABILITIES,
      clientInfo: { name: "hiveboard", title: "Hiveboard", version: "1" },
    });
    onEvent({
      kind: "agent_info",
      version: init.agentInfo
        ? `${init.agentInfo.title ?? init.agentInfo.name} ${init.agentInfo.version}`
        : null,
      credentials: null,
    });
    const caps = init.agentCapabilities ?? {};
    const mcpServers: McpServer[] =
      spec.mcp && caps.mcpCapabilities?.http
        ? [
            {
              type: "http",
              name: "hiveboard",
              url: spec.mcp.url,
              headers: [{ name: "x-api-key", value: spec.mcp.key }],
            },
          ]
        : [];
    let configOptions: SessionConfigOption[] | null | undefined;
    if (spec.resumeSessionId && caps.loadSession) {
      // The agent replays the conversation as updates: already in the run's record, so not again.
      replaying = true;
      sessionId = spec.resumeSessionId;
      try {
        const loaded = await agent.request("session/load", {
          sessionId: spec.resumeSessionId,
          cwd: spec.cwd,
          mcpServers,
        });
        configOptions = loaded.configOptions;
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        sessionId = null;
        note(
          `${label} could not load session ${spec.resumeSessionId} (${error.message}): starting a new one.`,
        );
      } finally {
        replaying = false;
      }
    } else if (spec.resumeSessionId)
      note(
        `${label} cannot load an earlier session (no loadSession capability): starting a new one.`,
      );
    if (!sessionId) {
      const created = await agent.request("session/new", { cwd: spec.cwd, mcpServers });
      sessionId = created.sessionId;
      configOptions = created.configOptions;
    }
    const session: string = sessionId;
    onEvent({ kind: "init", sessionId: session, model: spec.model ?? null, tools: [] });
    if (spec.model) await chooseModel(spec.model, configOptions);
    stage = "working";

    while (!ended) {
      const next = queue.shift();
      if (!next) {
        if (!spec.holdOpen?.()) return endSession();
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (next.receipt && turn > 0) onEvent({ kind: "feedback_delivered", feedbackId: next.id });
      inFlight = next;
      tookIn = false;
      turn += 1;
      onEvent({ kind: "turn", turn, messageId: `${sessionId}-${turn}` });
      const response = await agent.request("session/prompt", {
        sessionId: session,
        prompt: [{ type: "text", text: next.text }],
      });
      inFlight = null;
      for (const event of flushText(state)) onEvent(event);
      const stop = response.stopReason;
      onEvent(
        resultEvent(
          stop === "end_turn" ? "success" : stop === "cancelled" ? "error_during_execution" : stop,
          stop !== "end_turn",
          stop === "end_turn" ? null : `${label} stopped: ${STOP_WORDS[stop] ?? stop}`,
        ),
      );
    }
  }

  async function chooseModel(model: string, options: SessionConfigOption[] | null | undefined) {
    const option = options?.find((o) => o.category === "model" && o.type === "select");
    const values =
      option && option.type === "select"
        ? option.options.flatMap((o) => ("options" in o ? o.options : [o]))
        : [];
    const match = values.find(
      (v) => v.value === model || v.name.toLowerCase() === model.toLowerCase(),
    );
    if (!option || !match) {
      note(
        option
          ? `${label} offers no model "${model}" (it offers ${values.map((v) => v.value).join(", ")}): using its default.`
          : `${label} lets no client choose a model: using its default.`,
      );
      return;
    }
    await agent.request("session/set_config_option", {
      sessionId: sessionId!,
      configId: option.id,
      value: match.value,
    });
  }

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let spawnError = false;
    child.on("error", (error) => {
      spawnError = true;
      ended = true;
      onEvent({ kind: "error", message: `Could not start ${command}: ${error.message}` });
      connection.close();
      resolve({ code: null, signal: null });
    });
    child.on("close", async (code, signal) => {
      if (spawnError) return;
      await Promise.all([stdoutDone, stderrDone]);
      connection.close();
      // Ended by Hiveboard after its last turn: that exit is not the agent's failure.
      resolve(ended ? { code: 0, signal: null } : { code, signal });
    });
  });

  drive().catch((error) => {
    if (ended) return;
    // The process went away mid-request: its exit code tells the rest (no result was reported).
    if (child.exitCode !== null || child.signalCode !== null || connection.signal.aborted) return;
    failWith(error);
    endSession();
  });

  queue.push({ id: spec.promptId ?? `prompt-${spec.runId}`, text: spec.prompt, receipt: false });

  return {
    pid: child.pid,
    send(feedbackId, text, opts) {
      if (ended || child.exitCode !== null) return false;
      queue.push({ id: feedbackId, text, receipt: opts?.receipt !== false });
      if (inFlight && opts?.receipt !== false)
        onEvent({
          kind: "feedback_waiting",
          feedbackId,
          note: "queued until the turn ends (this agent takes messages between turns)",
        });
      poke();
      return true;
    },
    answer(requestId, answer) {
      const pending = permissions.get(requestId);
      if (!pending) return false;
      permissions.delete(requestId);
      const option = pickOption(pending.options, answer);
      pending.resolve({
        outcome: option
          ? { outcome: "selected", optionId: option.optionId }
          : { outcome: "cancelled" },
      });
      return true;
    },
    interrupt() {
      if (!inFlight || !sessionId || ended) return false;
      void agent.notify("session/cancel", { sessionId }).catch(() => undefined);
      withdrawPermissions();
      return true;
    },
    kill() {
      ended = true;
      withdrawPermissions();
      connection.close();
      if (child.stdin.writable) child.stdin.end();
      endProcessGroup(child);
    },
    exited,
  };
}

const STOP_WORDS: Record<string, string> = {
  max_tokens: "it reached its token limit",
  max_turn_requests: "it reached its limit of model requests for one turn",
  refusal: "it refused to go on",
  cancelled: "the turn was cancelled",
};

/** The agent's own option for an answer: allow once / reject once, else their "always" kin. */
function pickOption(options: PermissionOption[], answer: ApprovalAnswer) {
  const order =
    answer.behavior === "allow" ? ["allow_once", "allow_always"] : ["reject_once", "reject_always"];
  for (const kind of order) {
    const found = options.find((o) => o.kind === kind);
    if (found) return found;
  }
  return null;
}

/** A failed request in the agent's words, with the line that fixes a missing login. */
function describeError(error: unknown, agent: AcpAgentInfo, stage: "starting" | "working"): string {
  if (error instanceof RequestError) {
    const data =
      error.data === undefined
        ? ""
        : ` (${typeof error.data === "string" ? error.data : JSON.stringify(error.data).slice(0, 500)})`;
    const auth = error.code === -32000 || /auth|log ?in|credential|api key/i.test(error.message);
    // Refused before any work: most often a missing login, whatever words the agent found for it.
    const hint = !agent.login
      ? ""
      : auth
        ? ` To log it in: ${agent.login}.`
        : stage === "starting"
          ? ` If it is not logged in: ${agent.login}.`
          : "";
    return `${agent.name} answered: ${error.message}${data}.${hint}`;
  }
  return `${agent.name}: ${error instanceof Error ? error.message : String(error)}`;
}

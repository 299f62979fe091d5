// Pure parser of Claude Code's `--output-format stream-json` lines into normalized events.
// Protocol facts (shared/DESIGN.md and the recorded fixtures):
// - one API message may arrive as several `assistant` events with the same message.id (text
//   first, then tool_use): a turn is a new message id, not a new event;
// - `result.subtype` decides success (`is_error` can be false on error_during_execution);
// - unknown types (stream_event, rate_limit_event, system/status…) are ignored;
// - a blank line is skipped; a line that is not JSON is kept as a log line, never fatal.
import { AgentTodoSchema, type AgentTodo, type RunnerEvent } from "./events";

/** Tool results can be huge (a 90 KB file read); events keep a bounded excerpt. */
export const TOOL_RESULT_LIMIT = 8_000;

const RECENT_MESSAGES = 256;
export type StreamState = { messageIds: Set<string>; turn: number };
export const newStreamState = (): StreamState => ({ messageIds: new Set(), turn: 0 });

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const str = (v: unknown) => (typeof v === "string" ? v : null);

function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((c) => (isObj(c) && typeof c.text === "string" ? c.text : "")).join("\n");
  return content === undefined ? "" : JSON.stringify(content);
}

function todosOf(input: unknown): AgentTodo[] | null {
  if (!isObj(input) || !Array.isArray(input.todos)) return null;
  const todos = input.todos
    .map((t) => AgentTodoSchema.safeParse(t))
    .filter((r) => r.success)
    .map((r) => r.data!);
  return todos.length === input.todos.length ? todos : null;
}

function assistant(msg: Json, state: StreamState): RunnerEvent[] {
  const message = isObj(msg.message) ? msg.message : {};
  const messageId = str(message.id);
  const out: RunnerEvent[] = [];
  if (messageId && !state.messageIds.has(messageId)) {
    state.messageIds.add(messageId);
    // A message's blocks arrive as consecutive lines: the recent ids are enough to count each
    // once, and a run of days keeps a bounded set, not one id per turn.
    if (state.messageIds.size > RECENT_MESSAGES)
      state.messageIds.delete(state.messageIds.values().next().value!);
    out.push({ kind: "turn", turn: ++state.turn, messageId });
  }
  for (const block of Array.isArray(message.content) ? message.content : []) {
    if (!isObj(block)) continue;
    if (block.type === "text" && typeof block.text === "string" && block.text.trim()) {
      out.push({ kind: "text", text: block.text, messageId });
    } else if (block.type === "tool_use") {
      const name = str(block.name) ?? "unknown";
      out.push({
        kind: "tool_use",
        id: str(block.id) ?? "",
        name,
        input: block.input ?? null,
        messageId,
      });
      const todos = name === "TodoWrite" ? todosOf(block.input) : null;
      if (todos) out.push({ kind: "todo_update", todos });
    }
  }
  return out;
}

function user(msg: Json): RunnerEvent[] {
  const message = isObj(msg.message) ? msg.message : {};
  if (!Array.isArray(message.content)) return [];
  return message.content
    .filter(isObj)
    .filter((b) => b.type === "tool_result")
    .map((b) => {
      const full = resultText(b.content);
      const truncated = full.length > TOOL_RESULT_LIMIT;
      return {
        kind: "tool_result",
        toolUseId: str(b.tool_use_id) ?? "",
        content: truncated ? full.slice(0, TOOL_RESULT_LIMIT) : full,
        isError: b.is_error === true,
        truncated,
      };
    });
}

function result(msg: Json): RunnerEvent {
  const usage = isObj(msg.usage) ? msg.usage : {};
  const subtype = str(msg.subtype) ?? "unknown";
  return {
    kind: "result",
    subtype,
    isError: subtype !== "success" || msg.is_error === true,
    numTurns: num(msg.num_turns),
    costUsd: num(msg.total_cost_usd ?? msg.cost_usd),
    inputTokens:
      num(usage.input_tokens) +
      num(usage.cache_creation_input_tokens) +
      num(usage.cache_read_input_tokens),
    outputTokens: num(usage.output_tokens),
    cacheCreatedTokens: num(usage.cache_creation_input_tokens),
    cacheReadTokens: num(usage.cache_read_input_tokens),
    sessionId: str(msg.session_id),
    text: str(msg.result),
    durationMs: typeof msg.duration_ms === "number" ? msg.duration_ms : null,
    reason:
      [str(msg.terminal_reason), ...(Array.isArray(msg.errors) ? msg.errors.map(str) : [])]
        .filter(Boolean)
        .join("; ") || null,
    inputUuids: Array.isArray(msg.user_message_uuids)
      ? msg.user_message_uuids.filter((u): u is string => typeof u === "string")
      : null,
  };
}

export function parseStreamLine(line: string, state: StreamState): RunnerEvent[] {
  const trimmed = line.trim();
  if (!trimmed) return [];
  let msg: unknown;
  try {
    msg = JSON.parse(trimmed);
  } catch {
    return [{ kind: "log", stream: "stdout", line: trimmed.slice(0, 2000) }];
  }
  if (!isObj(msg)) return [{ kind: "log", stream: "stdout", line: trimmed.slice(0, 2000) }];
  switch (msg.type) {
    case "system":
      if (msg.subtype === "init" && typeof msg.session_id === "string") {
        return [
          {
            kind: "init",
            sessionId: msg.session_id,
            model: str(msg.model),
            tools: Array.isArray(msg.tools)
              ? msg.tools.filter((t): t is string => typeof t === "string")
              : [],
          },
        ];
      }
      return [];
    case "assistant":
      return assistant(msg, state);
    case "user":
      return user(msg);
    case "result":
      return [result(msg)];
    case "command_lifecycle": {
      // The CLI's receipts for what we wrote to it (queued / started / cancelled), keyed by our uuid.
      const uuid = str(msg.command_uuid);
      const state = str(msg.state);
      return uuid && state ? [{ kind: "lifecycle", uuid, state }] : [];
    }
    case "control_response": {
      // The answer to our initialize handshake (the SDK's first message) says who the agent is.
      const response =
        isObj(msg.response) && isObj(msg.response.response) ? msg.response.response : null;
      if (!response || !("claude_code_version" in response || "account" in response)) return [];
      const account = isObj(response.account) ? response.account : {};
      return [
        {
          kind: "agent_info",
          version: str(response.claude_code_version),
          credentials: str(account.tokenSource) ?? str(account.apiKeySource),
        },
      ];
    }
    case "control_cancel_request": {
      // The CLI withdrew a permission prompt (the tool call was abandoned): nobody should answer it.
      const requestId = str(msg.request_id);
      return requestId ? [{ kind: "approval_cancelled", requestId }] : [];
    }
    case "control_request": {
      const req = isObj(msg.request) ? msg.request : {};
      if (req.subtype !== "can_use_tool") return [];
      return [
        {
          kind: "approval_request",
          requestId: str(msg.request_id) ?? "",
          toolName: str(req.tool_name) ?? "unknown",
          input: req.input ?? null,
          description: str(req.description),
        },
      ];
    }
    default:
      return [];
  }
}

/** What the agent is doing, in a few words, for the card ("Editing lib/auth.ts"). */
export function describeToolUse(name: string, input: unknown): string {
  const i = isObj(input) ? input : {};
  const file = str(i.file_path) ?? str(i.path) ?? str(i.notebook_path);
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  switch (name) {
    case "Read":
      return `Reading ${short(file ?? "a file")}`;
    case "Edit":
    case "MultiEdit":
      return `Editing ${short(file ?? "a file")}`;
    case "Write":
      return `Writing ${short(file ?? "a file")}`;
    case "Bash":
      return `Running ${short(str(i.command) ?? "a command")}`;
    case "Grep":
      return `Searching for ${short(str(i.pattern) ?? "text")}`;
    case "Glob":
    case "LS":
      return `Listing ${short(str(i.pattern) ?? file ?? "files")}`;
    case "TodoWrite":
      return "Updating the todo list";
    case "WebFetch":
      return `Fetching ${short(str(i.url) ?? "a page")}`;
    default:
      // ACP agents name a call by what it does ("Read README.md"): that title is the description.
      return /\s/.test(name.trim()) ? short(name.trim()) : `Using ${name}`;
  }
}

// Host → agent messages (stdin), one JSON object per line.
export function userMessageLine(text: string, uuid: string): string {
  return JSON.stringify({
    type: "user",
    session_id: "",
    message: { role: "user", content: [{ type: "text", text }] },
    parent_tool_use_id: null,
    uuid,
  });
}

export function approvalResponseLine(
  requestId: string,
  answer: { behavior: "allow"; updatedInput: unknown } | { behavior: "deny"; message: string },
): string {
  return JSON.stringify({
    type: "control_response",
    response: { subtype: "success", request_id: requestId, response: answer },
  });
}

/** The SDK's opening handshake: the agent answers with its version, models and account. */
export function initializeLine(requestId: string): string {
  return JSON.stringify({
    type: "control_request",
    request_id: requestId,
    request: { subtype: "initialize", hooks: null },
  });
}

export function interruptLine(requestId: string): string {
  return JSON.stringify({
    type: "control_request",
    request_id: requestId,
    request: { subtype: "interrupt" },
  });
}

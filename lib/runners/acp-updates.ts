// What an ACP agent's `session/update` notifications mean as Hiveboard's normalized events.
// Message and thought chunks gather into one transcript entry each (flushed when something else
// happens: a tool call, a plan, the end of the turn); tool calls become tool_use, and their last
// update (completed or failed) the tool_result, with diffs and locations in words; a plan becomes
// the phase's todos; usage updates carry the cost.
import type { SessionUpdate, ToolCallContent, ToolCallLocation } from "@agentclientprotocol/sdk";
import type { AgentTodo, RunnerEvent } from "./events";

const RESULT_LIMIT = 20_000;

export type UpdateState = {
  text: { kind: "text" | "thought"; value: string; messageId: string | null } | null;
  /** Tool calls seen, by id: their title and what they were asked, until they end. */
  tools: Map<string, { title: string; input: unknown; locations: ToolCallLocation[] }>;
  costUsd: number;
  /** Context tokens in use, as the agent last reported (usage_update). */
  contextUsed: number;
};

export const newUpdateState = (): UpdateState => ({
  text: null,
  tools: new Map(),
  costUsd: 0,
  contextUsed: 0,
});

/** The text gathered so far, as one event; nothing when there is none. */
export function flushText(state: UpdateState): RunnerEvent[] {
  const t = state.text;
  state.text = null;
  if (!t || !t.value.trim()) return [];
  return t.kind === "text"
    ? [{ kind: "text", text: t.value, messageId: t.messageId }]
    : [{ kind: "thought", text: t.value }];
}

function contentText(content: ToolCallContent[] | null | undefined): string {
  return (content ?? [])
    .map((c) => {
      if (c.type === "diff")
        return [
          `--- ${c.oldText == null ? "/dev/null" : c.path}`,
          `+++ ${c.path}`,
          ...(c.oldText ?? "")
            .split("\n")
            .filter(Boolean)
            .map((l) => `-${l}`),
          ...c.newText
            .split("\n")
            .filter(Boolean)
            .map((l) => `+${l}`),
        ].join("\n");
      if (c.type === "terminal") return `(terminal ${c.terminalId})`;
      const block = c.content;
      if (block.type === "text") return block.text;
      if (block.type === "resource_link") return block.uri;
      if (block.type === "resource")
        return "text" in block.resource ? block.resource.text : block.resource.uri;
      return `(${block.type})`;
    })
    .filter(Boolean)
    .join("\n\n");
}

const where = (locations: ToolCallLocation[] | null | undefined) =>
  (locations ?? []).map((l) => (l.line != null ? `${l.path}:${l.line}` : l.path)).join(", ");

const rawText = (raw: unknown) =>
  raw === undefined || raw === null ? "" : typeof raw === "string" ? raw : JSON.stringify(raw);

function todosOf(entries: { content: string; status: AgentTodo["status"]; priority: string }[]) {
  return entries.map((e) => ({
    content: e.content,
    status: e.status,
    priority: e.priority as AgentTodo["priority"],
  }));
}

export function mapSessionUpdate(update: SessionUpdate, state: UpdateState): RunnerEvent[] {
  switch (update.sessionUpdate) {
    case "agent_message_chunk":
    case "agent_thought_chunk": {
      const kind = update.sessionUpdate === "agent_message_chunk" ? "text" : "thought";
      const piece = update.content.type === "text" ? update.content.text : "";
      const messageId = update.messageId ?? null;
      const out =
        state.text && (state.text.kind !== kind || state.text.messageId !== messageId)
          ? flushText(state)
          : [];
      state.text ??= { kind, value: "", messageId };
      state.text.value += piece;
      return out;
    }
    case "tool_call": {
      const out = flushText(state);
      const input =
        update.rawInput ?? (update.locations?.length ? { locations: update.locations } : {});
      state.tools.set(update.toolCallId, {
        title: update.title,
        input,
        locations: update.locations ?? [],
      });
      out.push({
        kind: "tool_use",
        id: update.toolCallId,
        name: update.title || update.kind || "tool",
        input,
        messageId: null,
      });
      if (update.status === "completed" || update.status === "failed")
        out.push(...endTool(update.toolCallId, update, state));
      return out;
    }
    case "tool_call_update": {
      const out = flushText(state);
      if (!state.tools.has(update.toolCallId)) {
        // An update for a call never announced (agents may skip the tool_call): announce it now.
        const title = update.title ?? update.kind ?? "tool";
        state.tools.set(update.toolCallId, {
          title,
          input: update.rawInput ?? {},
          locations: update.locations ?? [],
        });
        out.push({
          kind: "tool_use",
          id: update.toolCallId,
          name: title,
          input: update.rawInput ?? {},
          messageId: null,
        });
      }
      if (update.status === "completed" || update.status === "failed")
        out.push(...endTool(update.toolCallId, update, state));
      return out;
    }
    case "plan":
      return [...flushText(state), { kind: "todo_update", todos: todosOf(update.entries) }];
    case "usage_update":
      state.contextUsed = update.used;
      if (update.cost && update.cost.currency.toUpperCase() === "USD")
        state.costUsd = update.cost.amount;
      return [];
    default:
      // Commands, modes, config options, session info, notices: not part of the work's record.
      return [];
  }
}

function endTool(
  id: string,
  update: {
    status?: string | null;
    content?: ToolCallContent[] | null;
    locations?: ToolCallLocation[] | null;
    rawOutput?: unknown;
  },
  state: UpdateState,
): RunnerEvent[] {
  const known = state.tools.get(id);
  state.tools.delete(id);
  const places = where(update.locations?.length ? update.locations : known?.locations);
  const body = [contentText(update.content) || rawText(update.rawOutput), places && `(${places})`]
    .filter(Boolean)
    .join("\n");
  const content = body || (update.status === "failed" ? "The tool failed." : "Done.");
  return [
    {
      kind: "tool_result",
      toolUseId: id,
      content: content.slice(0, RESULT_LIMIT),
      isError: update.status === "failed",
      truncated: content.length > RESULT_LIMIT,
    },
  ];
}

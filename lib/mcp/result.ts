import "server-only";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/domain/permissions";

/** A tool's answer: the JSON as text (every client reads it) and as structured content. */
export function ok(value: object): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
    structuredContent: value as Record<string, unknown>,
  };
}

/** A refusal or failure the calling agent can read and act on. */
export function err(message: string, details?: unknown): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: details ? `${message}\n${JSON.stringify(details)}` : message }],
  };
}

export function fromResult<T extends object>(
  r: { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> },
): CallToolResult {
  return r.ok ? ok(r.data) : err(r.message, r.fieldErrors);
}

/** Every tool asks here first: the caller's role, and a run key's reach (its own run and epic only). */
export function denied(
  actor: Actor,
  permission: Permission,
  scope: { runKeyMay?: boolean; runId?: string | null } = {},
): CallToolResult | null {
  if (actor.runId) {
    if (!scope.runKeyMay) return err("A run's own key may not use this tool.");
    if (scope.runId && scope.runId !== actor.runId)
      return err(`This run's key may act only on its own run (${actor.runId}).`);
    return null;
  }
  const no = authorize(actor, permission);
  return no ? err(no.message) : null;
}

type Extra = {
  _meta?: { progressToken?: string | number };
  sendNotification: (n: {
    method: "notifications/progress";
    params: { progressToken: string | number; progress: number; total?: number; message?: string };
  }) => Promise<void>;
  signal: AbortSignal;
};

/** Polls `check` until it returns a value, reporting progress when the client asked for it. */
export async function waitWithProgress<T>(
  extra: Extra,
  seconds: number,
  check: () => Promise<{ done: T } | { progress: number; total?: number; message: string }>,
): Promise<T | null> {
  const token = extra._meta?.progressToken;
  const until = Date.now() + seconds * 1000;
  let last = "";
  while (Date.now() < until && !extra.signal.aborted) {
    const state = await check();
    if ("done" in state) return state.done;
    const key = `${state.progress}/${state.message}`;
    if (token !== undefined && key !== last) {
      last = key;
      await extra
        .sendNotification({
          method: "notifications/progress",
          params: {
            progressToken: token,
            progress: state.progress,
            total: state.total,
            message: state.message,
          },
        })
        .catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return null;
}

import "server-only";
import { z } from "zod";
import type { ActionDefinition } from "@/lib/actions/define-action";
import { runActionAs } from "@/lib/actions/define-action";
import { authorize, refuseRunScoped, resolveActor, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/domain/permissions";
import { fieldErrors, type ActionResult } from "@/lib/schemas/common";
import { readBody, refuseCrossSiteWrite } from "./body";
import { fingerprintOf } from "@/lib/services/idempotency";
import { idempotent } from "./idempotent";
import { apiError } from "./respond";

/**
 * One operation of the REST API: method, path, who may call it, what it takes and what it does.
 * The route files, the OpenAPI document and the docs page are all read off these.
 */
export type Operation = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** OpenAPI-style path under /api/v1, e.g. /epics/{id}. */
  path: string;
  summary: string;
  tag: string;
  permission: Permission;
  /** Path parameters + query (GET) or path parameters + JSON body (others). */
  input: z.ZodType;
  /** What a success returns, for the document. */
  output?: z.ZodType;
  /** 201 for what creates. */
  status?: number;
  /** A command parses its input itself (through its action), so the handler passes it on raw. */
  parsesItself?: boolean;
  /** Path parameters renamed for the input, e.g. {id: "runId"}. */
  pathAs?: Record<string, string>;
  /** A body sent as YAML (application/yaml, text/yaml, text/plain) arrives as this text field. */
  yamlBody?: string;
  run: (actor: Actor, input: never, request: Request) => Promise<ActionResult<unknown> | Response>;
};

/** Expected failures → HTTP status: the code's suffix says most of it. */
export function statusOf(code: string): number {
  if (code === "unauthenticated") return 401;
  if (code === "forbidden") return 403;
  if (
    code === "invalid-input" ||
    code === "option-unknown" ||
    code === "invalid-pipeline" ||
    code === "phase-not-found"
  )
    return 422;
  if (code === "rate-limited") return 429;
  if (code.endsWith("-not-found")) return 404;
  return 409;
}

export function failure(result: {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
  retryAfterSec?: number;
}): Response {
  const response = apiError(statusOf(result.code), result.code, result.message, result.fieldErrors);
  if (result.retryAfterSec) response.headers.set("retry-after", String(result.retryAfterSec));
  return response;
}

/** A query operation: authorized, input parsed, the function's value returned as JSON. */
export function query<S extends z.ZodType>(
  def: Omit<Operation, "run" | "input" | "method" | "permission"> & {
    permission?: Permission;
    input: S;
    /** What a null answer means: [code, message] of the 404. */
    notFound?: [string, string];
    run: (actor: Actor, input: z.output<S>, request: Request) => Promise<unknown>;
  },
): Operation {
  const [code, message] = def.notFound ?? ["not-found", "Nothing found there."];
  return {
    ...def,
    method: "GET",
    permission: def.permission ?? "board:read",
    run: async (actor, input: z.output<S>, request) => {
      const value = await def.run(actor, input, request);
      if (value instanceof Response) return value;
      if (value === null || value === undefined) return { ok: false, code, message };
      return { ok: true, data: value };
    },
  };
}

/** A command operation backed by a server action of the catalog: the same schema, permission, service. */
export function command<S extends z.ZodType, T>(
  def: ActionDefinition<S, T>,
  op: Omit<Operation, "run" | "input" | "permission"> & {
    input?: z.ZodType;
    /** Turns what the request names (a project's slug) into what the action takes (its id). */
    resolve?: (raw: Record<string, unknown>) => Promise<Record<string, unknown> | Failure>;
    map?: (data: T) => unknown | Promise<unknown>;
  },
): Operation {
  return {
    ...op,
    input: op.input ?? def.schema,
    permission: def.permission,
    parsesItself: true,
    run: async (actor, raw: Record<string, unknown>) => {
      const input = op.resolve ? await op.resolve(raw) : raw;
      if ("ok" in input && input.ok === false) return input as Failure;
      const result = await runActionAs(def, actor, input);
      return result.ok && op.map ? { ok: true, data: await op.map(result.data) } : result;
    },
  };
}

type Failure = Extract<ActionResult<never>, { ok: false }>;

type Ctx = { params: Promise<Record<string, string | string[]>> };

async function readInput(
  op: Operation,
  request: Request,
  params: Record<string, string | string[]>,
): Promise<Record<string, unknown> | Response> {
  if (op.method === "GET" || op.method === "DELETE")
    return { ...Object.fromEntries(new URL(request.url).searchParams), ...params };
  const text = await readBody(request);
  if (text instanceof Response) return text;
  const type = request.headers.get("content-type") ?? "";
  if (op.yamlBody && /yaml|text\/plain/.test(type)) return { [op.yamlBody]: text, ...params };
  if (!text.trim()) return { ...params };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(
      400,
      "invalid-json",
      "The body is not valid JSON: send a JSON object with content-type application/json.",
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return apiError(422, "invalid-input", "The body must be a JSON object.");
  return { ...(body as Record<string, unknown>), ...params };
}

/** The route handler of an operation: who is asking → may they → parse → run → one response shape. */
export function handler(op: Operation) {
  return async (request: Request, ctx?: Ctx): Promise<Response> => {
    const actor = await resolveActor(request);
    const denied = authorize(actor, op.permission) ?? refuseRunScoped(actor);
    if (denied) return failure(denied);
    const crossSite = refuseCrossSiteWrite(request, actor);
    if (crossSite) return crossSite;
    const params = Object.fromEntries(
      Object.entries((await ctx?.params) ?? {}).map(([k, v]) => [op.pathAs?.[k] ?? k, v]),
    );
    const raw = await readInput(op, request, params);
    if (raw instanceof Response) return raw;
    const answer = () => answerOperation(op, actor, raw, request);
    const key = request.headers.get("idempotency-key");
    if (op.method === "GET" || key === null) return answer();
    return idempotent(
      actor,
      key,
      fingerprintOf(op.method, new URL(request.url).pathname, raw),
      answer,
    );
  };
}

async function answerOperation(
  op: Operation,
  actor: Actor,
  raw: Record<string, unknown>,
  request: Request,
): Promise<Response> {
  let input: unknown = raw;
  if (!op.parsesItself) {
    const parsed = op.input.safeParse(raw);
    if (!parsed.success)
      return apiError(
        422,
        "invalid-input",
        "Some fields need fixing: see details.",
        fieldErrors(parsed.error),
      );
    input = parsed.data;
  }
  const result = await op.run(actor, input as never, request);
  if (result instanceof Response) return result;
  if (!result.ok) return failure(result);
  return Response.json(result.data ?? { ok: true }, {
    status: op.status ?? 200,
    headers: { "cache-control": "no-store" },
  });
}

/** Cursor pagination parameters shared by the list operations. */
export const PageQuery = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce
    .number({ error: "limit is a number" })
    .int("limit is a whole number")
    .min(1, "limit is at least 1")
    .max(200, "limit is at most 200")
    .default(50),
});

/** A page of rows: the next cursor is the last row's id when there may be more. */
export function page<T extends { id: string }>(rows: T[], limit: number, key: string) {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { [key]: items, next_cursor: more ? items[items.length - 1].id : null } as Record<
    string,
    unknown
  >;
}

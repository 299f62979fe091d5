import "server-only";
import { z } from "zod";
import { ROLES, can } from "@/lib/domain/permissions";
import type { Operation } from "./operation";

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  [k: string]: unknown;
};

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema & { $schema?: string };
  return rest;
};

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      properties: {
        code: {
          type: "string",
          description: "Stable machine-readable code, e.g. invalid-input, run-not-found",
        },
        message: { type: "string", description: "What went wrong and what to do about it" },
        details: { description: "For invalid-input: {field: message}; otherwise null" },
      },
    },
  },
};
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function describe(op: Operation) {
  const pathKeys = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const inputKeys = pathKeys.map((k) => op.pathAs?.[k] ?? k);
  const input = toSchema(op.input, "input");
  const props = input.properties ?? {};
  const parameters = pathKeys.map((k, i) => ({
    name: k,
    in: "path",
    required: true,
    schema: props[inputKeys[i]] ?? { type: "string" },
  }));
  const rest = Object.fromEntries(Object.entries(props).filter(([k]) => !inputKeys.includes(k)));
  const required = (input.required ?? []).filter((k) => !inputKeys.includes(k));
  const bodyLess = op.method === "GET" || op.method === "DELETE";
  if (bodyLess)
    for (const [name, schema] of Object.entries(rest))
      parameters.push({ name, in: "query", required: required.includes(name), schema });
  const roles = ROLES.filter((r) => can(r, op.permission));
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    description: `Needs \`${op.permission}\` (roles: ${roles.join(", ")}).`,
    tags: [op.tag],
    parameters,
    ...(bodyLess
      ? {}
      : {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { ...input, properties: rest, required } } },
          },
        }),
    responses: {
      [String(op.status ?? 200)]: {
        description: "Success",
        content: { "application/json": { schema: op.output ? toSchema(op.output, "output") : {} } },
      },
      "400": errorResponse("The body is not JSON"),
      "401": errorResponse("No valid API key or session"),
      "403": errorResponse("The caller's role may not do this"),
      ...(pathKeys.length ? { "404": errorResponse("Not found") } : {}),
      ...(bodyLess
        ? {}
        : {
            "409": errorResponse(
              "Conflicts with the current state (e.g. a run already in progress)",
            ),
          }),
      "422": errorResponse("Invalid input: details names each field and what to fix"),
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas. */
export function openApiDocument(ops: Operation[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) (paths[op.path] ??= {})[op.method.toLowerCase()] = describe(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Hiveboard API",
      version: "1.0.0",
      description:
        "Epics, todos, runs, decisions, patterns and metrics of Hiveboard. Authenticate with `x-api-key: <key>` (or `Authorization: Bearer <key>`), or a browser session. Every error has the shape `{error: {code, message, details}}`. Lists page with `cursor` (the previous page's `next_cursor`) and `limit`.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ apiKey: [] }, { bearer: [] }],
    tags: [...new Set(ops.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: ERROR },
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        bearer: { type: "http", scheme: "bearer" },
      },
    },
  };
}

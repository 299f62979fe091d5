import "server-only";
import type { z } from "zod";
import { authorize, refuseRunScoped, resolveActor, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/domain/permissions";
import { fieldErrors, type ActionResult } from "@/lib/schemas/common";
import {
  AutomagikMessageSchema,
  AutomagikRunInputSchema,
  AutomagikRunsQuerySchema,
} from "@/lib/schemas/automagik";
import { catalogDoors } from "@/lib/actions/doors";
import { pythonJson } from "@/lib/domain/automagik-status";
import {
  cleanupWorkflowRun,
  listWorkflowRuns,
  listWorkflows,
  manageWorkflows,
  resolveProject,
  startWorkflowRun,
} from "@/lib/services/automagik-compat";
import {
  addRunMessage,
  killWorkflowRun,
  runMessageQueue,
  workflowRunStatus,
} from "@/lib/services/automagik-runs";
import { readBody, refuseCrossSiteWrite } from "./body";
import { statusOf } from "./operation";

// The Automagik workflows API (/api/v1/workflows/claude-code), served so its clients and MCP tools
// work against Hiveboard unchanged. Errors carry our shape and FastAPI's `detail`, which they read.

function error(status: number, code: string, message: string, details?: unknown) {
  return Response.json(
    { error: { code, message, details: details ?? null }, detail: message },
    { status },
  );
}

type Ctx = { params: Promise<Record<string, string>> };
type Handle = (
  actor: Actor,
  request: Request,
  params: Record<string, string>,
) => Promise<ActionResult<unknown> | Response>;

/** Where the real server answers 400 rather than our 409 or 422. */
const BAD_REQUEST = new Set(["run-ended-message", "invalid-message"]);

function compat(permission: Permission, handle: Handle) {
  return async (request: Request, ctx?: Ctx): Promise<Response> => {
    const actor = await resolveActor(request);
    const denied = authorize(actor, permission) ?? refuseRunScoped(actor);
    if (denied) return error(statusOf(denied.code), denied.code, denied.message);
    const crossSite = refuseCrossSiteWrite(request, actor);
    if (crossSite) return crossSite;
    const result = await handle(actor, request, (await ctx?.params) ?? {});
    if (result instanceof Response) return result;
    if (!result.ok)
      return error(
        result.code === "workflow-not-found" || result.code === "session-not-found"
          ? 404
          : BAD_REQUEST.has(result.code)
            ? 400
            : statusOf(result.code),
        result.code === "run-ended-message" ? "run-ended" : result.code,
        result.message,
        result.fieldErrors,
      );
    // As the Python server writes it: floats keep their decimal point (100.0).
    return new Response(pythonJson(result.data), {
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  };
}

/** The body, parsed; a refusal says which field (400 with the first problem as `detail` where the real server does so). */
async function body<S extends z.ZodType>(
  request: Request,
  schema: S,
  status: 400 | 422 = 422,
): Promise<z.output<S> | Response> {
  const text = await readBody(request);
  if (text instanceof Response) return text;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (raw === undefined || typeof raw !== "object" || raw === null || Array.isArray(raw))
    return error(422, "invalid-input", "The body must be a JSON object.");
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = fieldErrors(parsed.error);
  const message =
    status === 400 ? Object.values(details)[0] : "Some fields need fixing: see details.";
  return error(status, "invalid-input", message, details);
}

async function projectOf(request: Request, repositoryUrl?: string | null) {
  const slug = new URL(request.url).searchParams.get("project");
  const project = await resolveProject(slug, repositoryUrl);
  return (
    project ??
    error(
      404,
      "project-not-found",
      slug ? `No project with slug ${slug}.` : "There is no project yet: create one first.",
    )
  );
}

const found = (value: unknown, what = "run"): ActionResult<unknown> =>
  value
    ? { ok: true, data: value }
    : { ok: false, code: `${what}-not-found`, message: `No ${what} with that id.` };

export const automagik = {
  start: compat("run:start", async (actor, request, { name }) => {
    const input = await body(request, AutomagikRunInputSchema);
    if (input instanceof Response) return input;
    const project = await projectOf(request, input.repository_url);
    if (project instanceof Response) return project;
    return startWorkflowRun(catalogDoors(actor), project.id, name, input);
  }),
  status: compat("board:read", async (_a, _r, { name }) => found(await workflowRunStatus(name))),
  runs: compat("board:read", async (_a, request) => {
    const q = AutomagikRunsQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!q.success)
      return error(422, "invalid-input", "Fix the query parameters.", fieldErrors(q.error));
    const project = await projectOf(request);
    if (project instanceof Response) return project;
    return { ok: true, data: await listWorkflowRuns({ ...q.data, projectId: project.id }) };
  }),
  addMessage: compat("run:steer", async (actor, request, { name }) => {
    const input = await body(request, AutomagikMessageSchema, 400);
    if (input instanceof Response) return input;
    const r = await addRunMessage(
      catalogDoors(actor),
      name,
      input,
      request.headers.get("idempotency-key"),
    );
    return !r.ok && r.code === "run-ended" ? { ...r, code: "run-ended-message" } : r;
  }),
  kill: compat("run:steer", (actor, _r, { name }) => killWorkflowRun(catalogDoors(actor), name)),
  cleanup: compat("run:steer", (actor, _r, { name }) =>
    cleanupWorkflowRun(catalogDoors(actor), name),
  ),
  messageQueue: compat("board:read", async (_a, _r, { name }) =>
    found(await runMessageQueue(name)),
  ),
  manage: compat("board:read", async (_a, request) => {
    const project = await projectOf(request);
    if (project instanceof Response) return project;
    return { ok: true, data: await manageWorkflows(project.id) };
  }),
  workflows: compat("board:read", async (_a, request) => {
    const project = await projectOf(request);
    if (project instanceof Response) return project;
    return { ok: true, data: { workflows: await listWorkflows(project.id) } };
  }),
  health: compat("board:read", async () => ({
    ok: true,
    data: { status: "healthy", timestamp: new Date().toISOString(), version: "1.0.0" },
  })),
};

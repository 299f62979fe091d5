import { fieldErrors } from "@/lib/schemas/common";
import { StartRunSchema } from "@/lib/schemas/run";
import { apiError, authorizeRequest } from "@/lib/http/respond";
import { startRun } from "@/lib/services/runs";

const STATUS: Record<string, number> = { "epic-not-found": 404, "run-in-progress": 409, "epic-done": 409, "phase-not-found": 422 };

/** Starts a run of the epic's current phase: `{epicId}` → 201 `{runId}`. */
export async function POST(request: Request) {
  const auth = await authorizeRequest(request, "run:start");
  if ("response" in auth) return auth.response;
  const body = await request.json().catch(() => undefined);
  const parsed = StartRunSchema.safeParse(body);
  if (!parsed.success) return apiError(422, "invalid-input", "The body must be JSON like {\"epicId\": \"…\"}.", fieldErrors(parsed.error));
  const result = await startRun(auth.actor, parsed.data);
  if (!result.ok) return apiError(STATUS[result.code] ?? 400, result.code, result.message);
  return Response.json(result.data, { status: 201 });
}

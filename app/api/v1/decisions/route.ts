import { z } from "zod";
import { fieldErrors } from "@/lib/schemas/common";
import { apiError, authorizeRequest } from "@/lib/http/respond";
import { findDecisions } from "@/lib/services/decision-queries";

const Query = z.object({
  status: z.enum(["open", "closed"]).optional(),
  runId: z.string().max(64).optional(),
  epicId: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
  source: z.enum(["tool_approval", "agent", "manager", "gate"]).optional(),
});

/** Decisions, filtered: `?status=open|closed&runId=&epicId=&projectId=&source=`. */
export async function GET(request: Request) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError(422, "invalid-input", "Fix the query parameters.", fieldErrors(query.error));
  return Response.json({ decisions: await findDecisions(query.data) }, { headers: { "cache-control": "no-store" } });
}

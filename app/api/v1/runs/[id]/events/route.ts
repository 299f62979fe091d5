import { z } from "zod";
import { fieldErrors } from "@/lib/schemas/common";
import { apiError, authorizeRequest } from "@/lib/http/respond";
import { listRunEvents } from "@/lib/services/run-queries";

const Query = z.object({
  after: z.coerce.number().int("after is a whole number").min(0, "after is 0 or more").default(0),
  limit: z.coerce.number().int().min(1).max(1000, "limit is at most 1000").default(500),
});

/** Events of a run after a seq, in order: `?after=<seq>&limit=<n>`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError(422, "invalid-input", "Fix the query parameters.", fieldErrors(query.error));
  const page = await listRunEvents((await params).id, query.data.after, query.data.limit);
  if (!page) return apiError(404, "run-not-found", "No run with that id.");
  return Response.json(page, { headers: { "cache-control": "no-store" } });
}

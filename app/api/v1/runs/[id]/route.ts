import { apiError, authorizeRequest } from "@/lib/http/respond";
import { getRunDetail } from "@/lib/services/run-queries";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const run = await getRunDetail((await params).id);
  if (!run) return apiError(404, "run-not-found", "No run with that id.");
  return Response.json(run, { headers: { "cache-control": "no-store" } });
}

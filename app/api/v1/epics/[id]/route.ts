import { authorizeRequest, apiError } from "@/lib/http/respond";
import { getEpicDetail } from "@/lib/services/board";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const epic = await getEpicDetail((await params).id);
  if (!epic) return apiError(404, "epic-not-found", "This epic no longer exists (it may have been deleted).");
  return Response.json(epic, { headers: { "cache-control": "no-store" } });
}

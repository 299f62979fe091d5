import { authorizeRequest, apiError } from "@/lib/http/respond";
import { getBoard } from "@/lib/services/board";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const board = await getBoard((await params).slug);
  if (!board) return apiError(404, "project-not-found", "No project with that slug.");
  return Response.json(board, { headers: { "cache-control": "no-store" } });
}

import { OPERATIONS } from "@/lib/http/api";
import { openApiDocument } from "@/lib/http/openapi";
import { authorizeRequest } from "@/lib/http/respond";

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers parse with. */
export async function GET(request: Request) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const origin = new URL(request.url).origin;
  return Response.json(openApiDocument(OPERATIONS, origin), { headers: { "cache-control": "no-store" } });
}

import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { resolveActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { refuseCrossSiteWrite } from "@/lib/http/body";
import { registerBoardTools } from "./tools-board";
import { registerReviewTools } from "./tools-review";
import { registerRunTools } from "./tools-runs";

/**
 * One MCP request: who is asking (API key), then a stateless server whose tools each check the
 * caller's role. Streamable HTTP; long tools stream progress notifications over SSE.
 */
export async function handleMcp(request: Request): Promise<Response> {
  const actor = await resolveActor(request);
  if (actor.role === null) {
    return Response.json(
      {
        jsonrpc: "2.0",
        error: {
          code: -32001,
          message: actor.reason ?? "Send an API key (x-api-key or Authorization: Bearer).",
        },
        id: null,
      },
      { status: 401 },
    );
  }
  const crossSite = refuseCrossSiteWrite(request, actor);
  if (crossSite) return crossSite;
  const max = env().HIVEBOARD_MAX_BODY_BYTES;
  if (Number(request.headers.get("content-length") ?? 0) > max)
    return Response.json(
      {
        jsonrpc: "2.0",
        error: { code: -32600, message: `The body is larger than ${max} bytes.` },
        id: null,
      },
      { status: 413 },
    );
  const server = new McpServer(
    { name: "hiveboard", version: "1.0.0" },
    { capabilities: { tools: {} } },
  );
  registerRunTools(server, actor);
  registerBoardTools(server, actor);
  registerReviewTools(server, actor);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  return transport.handleRequest(request);
}

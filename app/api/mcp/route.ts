import { handleMcp } from "@/lib/mcp/server";

// The MCP server (Streamable HTTP, stateless): every request names its API key; every tool checks it.
export const POST = handleMcp;
export const GET = handleMcp;
export const DELETE = handleMcp;

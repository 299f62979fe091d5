import { checkHealth } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/** For load balancers and process managers: 200 when this node can serve, 503 (and why) when not. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

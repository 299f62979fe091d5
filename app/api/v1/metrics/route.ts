import { z } from "zod";
import { fieldErrors } from "@/lib/schemas/common";
import { apiError, authorizeRequest } from "@/lib/http/respond";
import { figuresToCsv } from "@/lib/domain/metrics";
import { getMetrics } from "@/lib/services/metrics";

const Query = z.object({
  projectId: z.string().min(1, "projectId is required").max(64),
  epicId: z.string().max(64).optional(),
  from: z.coerce.date({ error: "from is a date like 2026-11-01" }).optional(),
  to: z.coerce.date({ error: "to is a date like 2026-11-30" }).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

/** The metrics of a project: JSON, or `format=csv` for one row per epic. */
export async function GET(request: Request) {
  const auth = await authorizeRequest(request, "board:read");
  if ("response" in auth) return auth.response;
  const q = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return apiError(422, "invalid-input", "Fix the query parameters.", fieldErrors(q.error));
  const metrics = await getMetrics(q.data);
  if (q.data.format === "csv") {
    return new Response(figuresToCsv(metrics.epics), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="hiveboard-metrics.csv"` } });
  }
  return Response.json(metrics, { headers: { "cache-control": "no-store" } });
}

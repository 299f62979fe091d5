import "server-only";
import { z } from "zod";
import { figuresToCsv } from "@/lib/domain/metrics";
import { getMetrics } from "@/lib/services/metrics";
import { query } from "../operation";

export const metricOps = {
  get: query({
    path: "/metrics",
    tag: "metrics",
    summary:
      "A project's (or one epic's) metrics from stored facts; format=csv gives one row per epic",
    input: z.object({
      projectId: z
        .string({ error: "projectId is required" })
        .min(1, "projectId is required")
        .max(64),
      epicId: z.string().max(64).optional(),
      from: z.coerce.date({ error: "from is a date like 2026-11-01" }).optional(),
      to: z.coerce.date({ error: "to is a date like 2026-11-30" }).optional(),
      format: z.enum(["json", "csv"]).default("json"),
    }),
    run: async (_a, q) => {
      const metrics = await getMetrics(q);
      if (q.format === "json") return metrics;
      return new Response(figuresToCsv(metrics.epics), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="hiveboard-metrics.csv"`,
        },
      });
    },
  }),
};

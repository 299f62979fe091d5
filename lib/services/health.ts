import "server-only";
import { getDb } from "@/lib/db/client";
import { withTimeout } from "@/lib/utils/time";
import { redisAnswers, runQueueEnabled } from "@/lib/run-engine";

export type Health = {
  status: "ok" | "unavailable";
  database: "ok" | "unreachable";
  redis: "ok" | "unreachable" | "not used";
};

/**
 * What a load balancer or process manager asks a node: can it serve? The database must answer;
 * Redis too when this installation uses it. Says nothing else (the check needs no sign-in).
 */
export async function checkHealth(): Promise<Health> {
  const database = await withTimeout(
    getDb()
      .$queryRawUnsafe("SELECT 1")
      .then(
        () => "ok" as const,
        () => "unreachable" as const,
      ),
    2000,
    "unreachable" as const,
  );
  const redis = !runQueueEnabled() ? "not used" : (await redisAnswers()) ? "ok" : "unreachable";
  return {
    status: database === "ok" && redis !== "unreachable" ? "ok" : "unavailable",
    database,
    redis,
  };
}

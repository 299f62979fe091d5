// Pure: how Hiveboard's run statuses read in the Automagik workflows API, and back.
import type { RunStatus } from "./run-status";

export const AUTOMAGIK_STATUSES = ["pending", "running", "completed", "failed", "killed"] as const;
export type AutomagikStatus = (typeof AUTOMAGIK_STATUSES)[number];

const TO: Record<RunStatus, AutomagikStatus> = {
  queued: "pending",
  running: "running",
  waiting: "running",
  completed: "completed",
  failed: "failed",
  timed_out: "failed",
  killed: "killed",
};

export const toAutomagikStatus = (status: string): AutomagikStatus =>
  TO[status as RunStatus] ?? "failed";

/** Our statuses that read as the given Automagik status (a filter of GET /runs). */
export const fromAutomagikStatus = (status: string): RunStatus[] =>
  (Object.keys(TO) as RunStatus[]).filter((s) => TO[s] === status);

/** Automagik's remote statuses (and the synonyms servers use) as ours; unknown ones keep the run going. */
export function remoteToRunStatus(status: string | undefined | null): RunStatus | "unknown" {
  switch ((status ?? "").toLowerCase()) {
    case "pending":
    case "queued":
      return "queued";
    case "running":
    case "in_progress":
      return "running";
    case "completed":
    case "success":
    case "succeeded":
      return "completed";
    case "failed":
    case "error":
      return "failed";
    case "killed":
    case "cancelled":
    case "canceled":
      return "killed";
    case "timeout":
    case "timed_out":
      return "timed_out";
    default:
      return "unknown";
  }
}

import type { Tone } from "@/components/ui/badge";
import type { EpicStatus, Priority } from "@/lib/domain/epic";

export const STATUS_TONE: Record<EpicStatus, Tone> = {
  idle: "slate",
  running: "sky",
  waiting: "amber",
  failed: "red",
  done: "green",
};
export const PRIORITY_TONE: Record<Priority, Tone> = { high: "red", medium: "amber", low: "slate" };

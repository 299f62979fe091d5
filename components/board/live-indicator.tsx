import type { LiveState } from "@/lib/realtime/use-board-live";
import { cn } from "@/lib/utils/cn";

const LABEL: Record<LiveState, string> = {
  live: "Live",
  connecting: "Connecting…",
  offline: "Reconnecting…",
};

export function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-state={state}
      className="flex items-center gap-1.5 text-xs text-slate-500"
    >
      <span
        className={cn(
          "size-2 rounded-full",
          state === "live"
            ? "bg-emerald-500"
            : state === "connecting"
              ? "bg-amber-400"
              : "bg-red-500 animate-pulse",
        )}
      />
      {LABEL[state]}
    </span>
  );
}

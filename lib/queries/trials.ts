"use client";
import { useQuery } from "@tanstack/react-query";
import { isActiveRun } from "@/lib/domain/run-status";
import type { TrialView } from "@/lib/schemas/trial";
import { fetchParsed } from "./fetch-json";
import { queryKeys } from "./keys";

/** A trial side by side, refreshed every 2 s while any of its tries still runs. */
export function useTrial(initialData: TrialView) {
  return useQuery({
    queryKey: queryKeys.trial(initialData.id),
    queryFn: () =>
      fetchParsed(`/api/v1/trials/${encodeURIComponent(initialData.id)}`, (s) => s.TrialViewSchema),
    initialData,
    refetchInterval: (q) =>
      q.state.data?.tries.some((t) => isActiveRun(t.status as never)) ? 2000 : false,
  });
}

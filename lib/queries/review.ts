"use client";
import { useQuery } from "@tanstack/react-query";
import { clientSchemas, fetchParsed } from "./fetch-json";
import { queryKeys } from "./keys";

export type { EpicReview } from "./client-schemas";

/** The epic's line comments (others' once sent, one's own drafts) and verdicts; refreshed while a run may address them. */
export function useEpicReview(epicId: string, live = false, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.review(epicId),
    queryFn: () =>
      fetchParsed(
        `/api/v1/epics/${encodeURIComponent(epicId)}/comments`,
        (s) => s.EpicReviewSchema,
      ),
    refetchInterval: live ? 3000 : false,
  });
}

/** Whether the epic's branch merges cleanly into the default branch (checked when asked). */
export function useMergeCheck(epicId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.merge(epicId),
    queryFn: () =>
      fetchParsed(`/api/v1/epics/${encodeURIComponent(epicId)}/merge`, (s) => s.MergeCheckSchema),
    enabled,
    staleTime: 0,
  });
}

/** The epic's pull request as last read from its forge; null when it has none. */
export function usePullRequest(epicId: string) {
  return useQuery({
    queryKey: ["pull-request", epicId],
    queryFn: async () => {
      const schemas = clientSchemas();
      const res = await fetch(`/api/v1/epics/${encodeURIComponent(epicId)}/pull-request`, {
        headers: { accept: "application/json" },
        cache: "no-store",
      });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`Could not read the pull request (${res.status})`);
      return (await schemas).PullRequestViewSchema.parse(await res.json());
    },
  });
}

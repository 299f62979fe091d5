"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchParsed } from "./fetch-json";

export type { SearchHit } from "./client-schemas";

/** What ⌘K finds for `q` across projects (nothing is asked for an empty query). */
export function useSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ["search", text],
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    queryFn: () =>
      fetchParsed(`/api/v1/search?${new URLSearchParams({ q: text })}`, (s) => s.SearchHitsSchema),
  });
}

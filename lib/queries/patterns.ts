"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchParsed } from "./fetch-json";

export type { PatternRow } from "./client-schemas";

/** The library searched as people type (best match first; the most used when the box is empty). */
export function usePatternSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ["patterns", q],
    queryFn: () =>
      fetchParsed(
        `/api/v1/patterns?${new URLSearchParams({ q, limit: "20" })}`,
        (s) => s.PatternRowsSchema,
      ),
    enabled,
    placeholderData: (previous) => previous,
  });
}

"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "./fetch-json";

const HitSchema = z.object({
  kind: z.enum(["epic", "run", "decision", "pattern", "project"]),
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  href: z.string(),
});
export type SearchHit = z.infer<typeof HitSchema>;

/** What ⌘K finds for `q` across projects (nothing is asked for an empty query). */
export function useSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ["search", text],
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    queryFn: () =>
      fetchJson(
        `/api/v1/search?${new URLSearchParams({ q: text })}`,
        (d) => z.object({ hits: z.array(HitSchema) }).parse(d).hits,
      ),
  });
}

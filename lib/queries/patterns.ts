"use client";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "./fetch-json";

const PatternRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  usageCount: z.number(),
});
const ListSchema = z.object({ patterns: z.array(PatternRowSchema) });
export type PatternRow = z.infer<typeof PatternRowSchema>;

/** The library searched as people type (best match first; the most used when the box is empty). */
export function usePatternSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ["patterns", q],
    queryFn: () =>
      fetchJson(
        `/api/v1/patterns?${new URLSearchParams({ q, limit: "20" })}`,
        (d) => ListSchema.parse(d).patterns,
      ),
    enabled,
    placeholderData: (previous) => previous,
  });
}

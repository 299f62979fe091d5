"use client";
import { useQuery } from "@tanstack/react-query";
import type { Board } from "@/lib/schemas/board";
import { fetchParsed } from "./fetch-json";
import { queryKeys } from "./keys";

export function useBoard(slug: string, initialData: Board) {
  return useQuery({
    queryKey: queryKeys.board(slug),
    queryFn: () =>
      fetchParsed(`/api/v1/projects/${encodeURIComponent(slug)}/board`, (s) => s.BoardSchema),
    initialData,
    staleTime: 30_000,
  });
}

export function useEpicDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.epic(id ?? "none"),
    queryFn: () =>
      fetchParsed(`/api/v1/epics/${encodeURIComponent(id!)}`, (s) => s.EpicDetailSchema),
    enabled: id !== null,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });
}

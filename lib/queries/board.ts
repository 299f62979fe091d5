"use client";
import { useQuery } from "@tanstack/react-query";
import { BoardSchema, type Board } from "@/lib/schemas/board";
import { EpicDetailSchema } from "@/lib/schemas/epic-detail";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

export function useBoard(slug: string, initialData: Board) {
  return useQuery({
    queryKey: queryKeys.board(slug),
    queryFn: () =>
      fetchJson(`/api/v1/projects/${encodeURIComponent(slug)}/board`, (d) => BoardSchema.parse(d)),
    initialData,
    staleTime: 30_000,
  });
}

export function useEpicDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.epic(id ?? "none"),
    queryFn: () =>
      fetchJson(`/api/v1/epics/${encodeURIComponent(id!)}`, (d) => EpicDetailSchema.parse(d)),
    enabled: id !== null,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });
}

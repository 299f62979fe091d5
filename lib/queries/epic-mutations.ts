"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { moveEpicAction } from "@/lib/actions/move-epic";
import type { ActionResult } from "@/lib/schemas/common";
import type { Board } from "@/lib/schemas/board";
import { moveCardLocally } from "./board-cache";
import { queryKeys } from "./keys";

/** Turns an action's failure into a thrown error so TanStack Query's onError sees it. */
export async function unwrap<T>(promise: Promise<ActionResult<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok)
    throw Object.assign(new Error(result.message), {
      code: result.code,
      fieldErrors: result.fieldErrors,
    });
  return result.data;
}

/** Moves a card at once on screen, then on the server; puts it back with the reason if refused. */
export function useMoveEpic(slug: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.board(slug);
  return useMutation({
    mutationFn: (input: { id: string; to: string }) => unwrap(moveEpicAction(input)),
    onMutate: async ({ id, to }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Board>(key);
      if (before) queryClient.setQueryData<Board>(key, moveCardLocally(before, id, to));
      return { before };
    },
    onError: (error, _input, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      toast.error(error.message);
    },
    onSettled: (_data, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.epic(id) });
    },
  });
}

/** After any epic or todo change made here: refresh what shows it (others get it live). */
export function useRefreshEpic(slug: string) {
  const queryClient = useQueryClient();
  return (epicId?: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.board(slug) });
    if (epicId) void queryClient.invalidateQueries({ queryKey: queryKeys.epic(epicId) });
  };
}

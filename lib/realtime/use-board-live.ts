"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { queryKeys } from "@/lib/queries/keys";
import { applyRunToCard, removeCard, upsertCard } from "@/lib/queries/board-cache";
import type { Board } from "@/lib/schemas/board";
import type { BoardChange } from "./events";
import { useSocket } from "./socket-client";

export type LiveState = "connecting" | "live" | "offline";

/**
 * Keeps a board's cache current: joins the board's room with the last seq seen, applies the
 * changes replayed since then, then every live change once (duplicates dropped by seq).
 */
export function useBoardLive(slug: string, projectId: string, snapshotSeq: number): LiveState {
  const queryClient = useQueryClient();
  const lastSeq = useRef(snapshotSeq);
  const [state, setState] = useState<LiveState>("connecting");

  // A refetched snapshot is as current as its seq: never go back, never skip ahead of a change.
  useEffect(() => {
    lastSeq.current = Math.max(lastSeq.current, snapshotSeq);
  }, [snapshotSeq]);

  useSocket(
    (socket, { BoardChangeSchema, BoardJoinReplySchema, RunUpdateSchema }) => {
      const boardKey = queryKeys.board(slug);

      const apply = (change: BoardChange) => {
        if (change.seq <= lastSeq.current) return;
        lastSeq.current = change.seq;
        if (change.epicId)
          void queryClient.invalidateQueries({ queryKey: queryKeys.epic(change.epicId) });
        if (change.type === "epic:deleted" && change.epicId) {
          queryClient.setQueryData<Board>(
            boardKey,
            (b) => b && { ...removeCard(b, change.epicId!), seq: change.seq },
          );
        } else if (change.card) {
          queryClient.setQueryData<Board>(
            boardKey,
            (b) => b && { ...upsertCard(b, change.card!), seq: change.seq },
          );
        } else {
          void queryClient.invalidateQueries({ queryKey: boardKey });
        }
      };

      let joins = 0;
      const join = () => {
        setState("connecting");
        // Run figures are not in the seq history: after a reconnect, the snapshot brings them back.
        if (joins++ > 0) void queryClient.invalidateQueries({ queryKey: boardKey });
        socket.emit("board:join", { projectId, after: lastSeq.current }, (raw) => {
          const reply = BoardJoinReplySchema.safeParse(raw);
          if (!reply.success || !reply.data.ok) return setState("offline");
          setState("live");
          if (reply.data.resync) {
            lastSeq.current = reply.data.seq;
            void queryClient.invalidateQueries({ queryKey: boardKey });
          } else {
            reply.data.changes.forEach(apply);
          }
        });
      };
      const onChange = (raw: unknown) => {
        const change = BoardChangeSchema.safeParse(raw);
        if (change.success && change.data.projectId === projectId) apply(change.data);
      };
      const onDisconnect = () => setState("offline");
      const onRunUpdate = (raw: unknown) => {
        const update = RunUpdateSchema.safeParse(raw);
        if (!update.success || update.data.run.projectId !== projectId) return;
        queryClient.setQueryData<Board>(boardKey, (b) => b && applyRunToCard(b, update.data.run));
      };

      socket.on("connect", join);
      socket.on("disconnect", onDisconnect);
      socket.on("board:change", onChange);
      socket.on("run:update", onRunUpdate);
      if (socket.connected) join();
      return () => {
        socket.off("connect", join);
        socket.off("disconnect", onDisconnect);
        socket.off("board:change", onChange);
        socket.off("run:update", onRunUpdate);
        socket.emit("board:leave", { projectId });
      };
    },
    [slug, projectId, queryClient],
  );

  return state;
}

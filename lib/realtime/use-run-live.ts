"use client";
import { useEffect, useRef, useState } from "react";
import type { RunEventRow, RunSummary } from "@/lib/schemas/run";
import { RunEventMessageSchema, RunJoinReplySchema, RunUpdateSchema } from "./events";
import { getSocket } from "./socket-client";
import type { LiveState } from "./use-board-live";

/**
 * A run's transcript and figures, live. Events are kept in seq order, each exactly once: the
 * join replays everything after the last seq held (page by page), live events below it are
 * dropped, and a reconnect joins again from where it stopped.
 */
export function useRunLive(initial: RunSummary) {
  const [run, setRun] = useState<RunSummary>(initial);
  const [events, setEvents] = useState<RunEventRow[]>([]);
  const [state, setState] = useState<LiveState>("connecting");
  const lastSeq = useRef(0);

  useEffect(() => {
    const socket = getSocket();
    const runId = initial.id;
    const append = (incoming: RunEventRow[]) => {
      const fresh = incoming.filter((e) => e.seq > lastSeq.current).sort((a, b) => a.seq - b.seq);
      // Only a contiguous continuation is applied; a gap means a join is needed to fill it.
      const kept: RunEventRow[] = [];
      for (const e of fresh) {
        if (e.seq !== lastSeq.current + 1) break;
        kept.push(e);
        lastSeq.current = e.seq;
      }
      if (kept.length) setEvents((prev) => prev.concat(kept));
      return kept.length === fresh.length;
    };
    const join = () => {
      socket.emit("run:join", { runId, after: lastSeq.current }, (raw) => {
        const reply = RunJoinReplySchema.safeParse(raw);
        if (!reply.success || !reply.data.ok) return setState("offline");
        setState("live");
        setRun(reply.data.run);
        append(reply.data.events);
        if (reply.data.more) join();
      });
    };
    const onEvent = (raw: unknown) => {
      const e = RunEventMessageSchema.safeParse(raw);
      if (!e.success || e.data.runId !== runId) return;
      if (!append([e.data])) join();
    };
    const onUpdate = (raw: unknown) => {
      const u = RunUpdateSchema.safeParse(raw);
      if (u.success && u.data.run.id === runId) setRun(u.data.run);
    };
    const onDisconnect = () => setState("offline");
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("run:event", onEvent);
    socket.on("run:update", onUpdate);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("run:event", onEvent);
      socket.off("run:update", onUpdate);
      socket.emit("run:leave", { runId });
    };
  }, [initial.id]);

  return { run, events, state };
}

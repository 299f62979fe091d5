"use client";
import { useCallback, useRef, useState } from "react";
import { fetchParsed } from "@/lib/queries/fetch-json";
import type { RunEventRow, RunSummary } from "@/lib/schemas/run";
import { useSocket } from "./socket-client";
import type { LiveState } from "./use-board-live";

/** Events a page keeps while it follows a run: older ones are fetched again when scrolled to. */
export const RUN_WINDOW = 1000;
/** The most a reader scrolled up keeps before newer events wait behind "Show latest". */
export const RUN_HOLD = 5000;
const OLDER_PAGE = 1000;

/**
 * A run's transcript and figures, live, in bounded memory. The page holds a window of the run's
 * events in seq order, each exactly once: it opens on the newest RUN_WINDOW, keeps that many while
 * it follows the run (the oldest drop off and come back from the API on scroll), and, while the
 * reader is scrolled up, keeps up to RUN_HOLD before newer events wait (counted in `waiting`).
 * Live events below the last seq held are dropped; a gap or a reconnect joins again from there.
 * Feedback events are kept apart for the receipts, whatever the window holds.
 */
export function useRunLive(initial: RunSummary) {
  const [run, setRun] = useState<RunSummary>(initial);
  const [events, setEvents] = useState<RunEventRow[]>([]);
  const [feedback, setFeedback] = useState<RunEventRow[]>([]);
  const [state, setState] = useState<LiveState>("connecting");
  const [waiting, setWaiting] = useState(0);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const lastSeq = useRef(0);
  const held = useRef(0);
  const following = useRef(true);
  const paused = useRef(false);
  const rejoin = useRef<() => void>(() => {});

  useSocket(
    (socket, { RunEventMessageSchema, RunJoinReplySchema, RunUpdateSchema }) => {
      const runId = initial.id;
      const keep = (kept: RunEventRow[], reset: boolean) => {
        const notes = kept.filter((e) => e.kind === "feedback");
        if (notes.length)
          setFeedback((prev) =>
            prev.concat(notes.filter((n) => !prev.some((p) => p.seq === n.seq))),
          );
        setEvents((prev) => {
          const next = reset ? kept : prev.concat(kept);
          // Trim in steps, while following only: a reader scrolled up keeps what they look at.
          const trimmed =
            following.current && next.length > RUN_WINDOW + 100 ? next.slice(-RUN_WINDOW) : next;
          held.current = trimmed.length;
          return trimmed;
        });
      };
      const append = (incoming: RunEventRow[], fromJoin: boolean) => {
        const fresh = incoming.filter((e) => e.seq > lastSeq.current).sort((a, b) => a.seq - b.seq);
        // A join's tail that starts past a gap replaces the window: what is older is fetched on scroll.
        const reset = fromJoin && fresh.length > 0 && fresh[0].seq !== lastSeq.current + 1;
        if (reset) lastSeq.current = fresh[0].seq - 1;
        // Only a contiguous continuation is applied; a gap means a join is needed to fill it.
        const kept: RunEventRow[] = [];
        for (const e of fresh) {
          if (e.seq !== lastSeq.current + 1) break;
          kept.push(e);
          lastSeq.current = e.seq;
        }
        if (kept.length) keep(kept, reset);
        return kept.length === fresh.length;
      };
      const join = () => {
        paused.current = false;
        setWaiting(0);
        socket.emit("run:join", { runId, after: lastSeq.current, tail: RUN_WINDOW }, (raw) => {
          const reply = RunJoinReplySchema.safeParse(raw);
          if (!reply.success || !reply.data.ok) return setState("offline");
          setState("live");
          setRun(reply.data.run);
          append(reply.data.events, true);
        });
      };
      rejoin.current = join;
      const onEvent = (raw: unknown) => {
        const e = RunEventMessageSchema.safeParse(raw);
        if (!e.success || e.data.runId !== runId || e.data.seq <= lastSeq.current) return;
        if (!paused.current && !following.current && held.current >= RUN_HOLD)
          paused.current = true;
        if (paused.current) {
          // Held back, not lost: "Show latest" joins again from the last seq shown.
          if (e.data.kind === "feedback") setFeedback((prev) => prev.concat(e.data));
          return setWaiting((n) => n + 1);
        }
        if (!append([e.data], false)) join();
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
    },
    [initial.id],
  );

  const firstSeq = events[0]?.seq ?? 0;
  /** Fetch the page of events above the window (the reader scrolled to its top). */
  const loadOlder = useCallback(async () => {
    if (firstSeq <= 1 || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const url = `/api/v1/runs/${encodeURIComponent(initial.id)}/events?before=${firstSeq}&limit=${OLDER_PAGE}`;
      const page = await fetchParsed(url, (s) => s.RunEventPageSchema);
      setEvents((prev) => {
        const below = prev[0]?.seq ?? Infinity;
        const next = page.events.filter((e) => e.seq < below).concat(prev);
        held.current = next.length;
        return next;
      });
    } finally {
      setLoadingOlder(false);
    }
  }, [firstSeq, loadingOlder, initial.id]);

  /** The transcript says whether the reader is at the bottom (following) or scrolled up. */
  const setFollowing = useCallback((on: boolean) => {
    following.current = on;
    if (on && paused.current) rejoin.current();
  }, []);

  return {
    run,
    events,
    feedback,
    state,
    hasOlder: firstSeq > 1,
    loadingOlder,
    loadOlder,
    waiting,
    setFollowing,
    showLatest: () => {
      following.current = true;
      rejoin.current();
    },
  };
}

"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSocket } from "@/lib/realtime/socket-client";
import { fetchParsed } from "./fetch-json";

/** Decisions matching a filter, refetched whenever any decision changes (pushed over Socket.IO). */
export function useDecisions(filter: Record<string, string>) {
  const queryClient = useQueryClient();
  const params = new URLSearchParams(filter).toString();
  useSocket(
    (socket, { DecisionChangeSchema }) => {
      const onChange = (raw: unknown) => {
        if (DecisionChangeSchema.safeParse(raw).success)
          void queryClient.invalidateQueries({ queryKey: ["decisions"] });
      };
      // After a reconnect, changes made meanwhile were not pushed to us: fetch again.
      const onConnect = () => void queryClient.invalidateQueries({ queryKey: ["decisions"] });
      socket.on("decision:change", onChange);
      socket.on("connect", onConnect);
      return () => {
        socket.off("decision:change", onChange);
        socket.off("connect", onConnect);
      };
    },
    [queryClient],
  );
  return useQuery({
    queryKey: ["decisions", params],
    queryFn: () => fetchParsed(`/api/v1/decisions?${params}`, (s) => s.DecisionListSchema),
  });
}

"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useCan } from "@/components/layout/permissions";
import { useSocket } from "@/lib/realtime/socket-client";

/** A live toast (and a browser notification, if allowed) when a decision opens or is escalated. */
export function DecisionAlerts() {
  const canAnswer = useCan("decision:answer");
  const router = useRouter();
  useSocket(
    (socket, { DecisionChangeSchema }) => {
      if (!canAnswer) return () => {};
      const seen = new Set<string>();
      const onChange = (raw: unknown) => {
        const c = DecisionChangeSchema.safeParse(raw);
        if (!c.success || c.data.status !== "open") return;
        const id = `${c.data.decisionId}:${seen.has(c.data.decisionId) ? "again" : "new"}`;
        if (seen.has(id)) return;
        seen.add(c.data.decisionId);
        seen.add(id);
        toast.warning(`Decision needed: ${c.data.title}`, {
          action: { label: "Open inbox", onClick: () => router.push("/decisions") },
        });
        if (
          typeof Notification !== "undefined" &&
          Notification.permission === "granted" &&
          document.hidden
        ) {
          new Notification("Decision needed", { body: c.data.title, tag: c.data.decisionId });
        }
      };
      socket.on("decision:change", onChange);
      return () => void socket.off("decision:change", onChange);
    },
    [canAnswer, router],
  );
  return null;
}

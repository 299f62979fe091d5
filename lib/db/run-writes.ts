import "server-only";
import type { Tx } from "./client";
import type { AgentTodo } from "@/lib/runners/events";

// What a run's events write besides the events themselves, inside their batch's transaction.

export type FeedbackChange = {
  id: string;
  status: "queued" | "delivered" | "acknowledged" | "failed";
  error?: string;
};

/** A feedback receipt: delivered or acknowledged at this moment, or failed with the reason. */
export async function updateFeedback(tx: Tx, change: FeedbackChange) {
  const at = new Date();
  await tx.feedback.update({
    where: { id: change.id },
    data: {
      status: change.status,
      error: change.error ?? null,
      ...(change.status === "delivered" ? { deliveredAt: at } : {}),
      ...(change.status === "acknowledged" ? { acknowledgedAt: at } : {}),
    },
  });
}

/** The agent's TodoWrite list replaces the agent's todos of this phase; people's todos stay. */
export async function mirrorAgentTodos(tx: Tx, epicId: string, phase: string, todos: AgentTodo[]) {
  await tx.todo.deleteMany({ where: { epicId, source: "agent", phase } });
  const first = await tx.todo.aggregate({ where: { epicId }, _max: { position: true } });
  const start = (first._max.position ?? -1) + 1;
  await tx.todo.createMany({
    data: todos.map((t, i) => ({
      epicId,
      phase,
      source: "agent",
      content: t.content,
      activeForm: t.activeForm ?? null,
      status: t.status,
      priority: t.priority ?? "medium",
      position: start + i,
    })),
  });
}

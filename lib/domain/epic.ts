// Pure vocabulary of epics and todos: the values the UI, services and runners share.

export const EPIC_TYPES = ["feature", "bug", "chore", "refactor", "spike"] as const;
export type EpicType = (typeof EPIC_TYPES)[number];

export const PRIORITIES = ["high", "medium", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How an epic stands right now; shown as the card's badge. */
export const EPIC_STATUSES = ["idle", "running", "waiting", "failed", "done"] as const;
export type EpicStatus = (typeof EPIC_STATUSES)[number];

export const EPIC_STATUS_LABEL: Record<EpicStatus, string> = {
  idle: "Idle",
  running: "Running",
  waiting: "Decision needed",
  failed: "Failed",
  done: "Done",
};

/** TodoWrite semantics: pending → in_progress → completed. */
export const TODO_STATUSES = ["pending", "in_progress", "completed"] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];

export function nextTodoStatus(status: TodoStatus): TodoStatus {
  if (status === "pending") return "in_progress";
  if (status === "in_progress") return "completed";
  return "pending";
}

export function todoProgress(todos: readonly { status: string }[]): {
  done: number;
  total: number;
} {
  return { done: todos.filter((t) => t.status === "completed").length, total: todos.length };
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };
export function comparePriority(a: Priority, b: Priority): number {
  return PRIORITY_RANK[a] - PRIORITY_RANK[b];
}

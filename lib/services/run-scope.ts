import "server-only";
import { getDb } from "@/lib/db/client";

// What a run's own key may reach: its run and its epic. These name the run or epic an action's
// input targets, so the action catalog can check it (lib/actions/define-action.ts).

export type RunTarget = { runId?: string | null; epicId?: string | null };

export async function epicOfRun(runId: string): Promise<string | null> {
  const run = await getDb().run.findUnique({ where: { id: runId }, select: { epicId: true } });
  return run?.epicId ?? null;
}

export async function epicOfTodo(todoId: string): Promise<RunTarget> {
  const todo = await getDb().todo.findUnique({ where: { id: todoId }, select: { epicId: true } });
  return { epicId: todo?.epicId ?? null };
}

/** Whether a target lies within the run: the run itself, or its epic. */
export async function withinRun(runId: string, target: RunTarget | null): Promise<boolean> {
  if (!target) return false;
  if (target.runId) return target.runId === runId;
  if (!target.epicId) return false;
  return target.epicId === (await epicOfRun(runId));
}

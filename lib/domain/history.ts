// Pure: one line of an epic's history, from an audit entry.
type Data = Record<string, unknown> | null;

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function describeChange(action: string, data: unknown): string {
  const d = (data && typeof data === "object" ? data : null) as Data;
  switch (action) {
    case "epic.create":
      return "created the epic";
    case "epic.update": {
      const changed = Array.isArray(d?.changed) ? (d!.changed as string[]) : [];
      return changed.length
        ? `edited ${changed.map((c) => c.replace(/([A-Z])/g, " $1").toLowerCase()).join(", ")}`
        : "saved the epic (no change)";
    }
    case "epic.move":
      return `moved it from ${str(d?.from)} to ${str(d?.to)}`;
    case "epic.delete":
      return "deleted the epic";
    case "todo.add":
      return `added todo “${str(d?.content)}”`;
    case "todo.completed":
      return "completed a todo";
    case "todo.in_progress":
      return "started a todo";
    case "todo.pending":
      return "reopened a todo";
    case "todo.update":
      return d?.content ? `edited a todo to “${str(d.content)}”` : "edited a todo";
    case "todo.delete":
      return `deleted todo “${str(d?.content)}”`;
    case "todo.reorder":
      return "reordered the todos";
    case "epic.worktree_remove":
      return `removed the worktree of ${str(d?.branch)}`;
    case "todo.agent_update":
      return "updated its todo list";
    case "run.start":
      return `started the ${str(d?.phase)} run`;
    case "run.completed":
      return d?.movedTo
        ? `finished the ${str(d?.phase)} run and moved it to ${str(d.movedTo)}`
        : `finished the ${str(d?.phase)} run`;
    case "run.failed":
      return `failed the ${str(d?.phase)} run: ${str(d?.error)}`;
    case "run.timed_out":
      return `timed out in the ${str(d?.phase)} run`;
    case "run.killed":
      return `was stopped in the ${str(d?.phase)} run`;
    case "run.waiting":
      return "is waiting for an approval";
    case "run.running":
      return "is working again";
    default:
      return action;
  }
}

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
      return changed.length ? `edited ${changed.map((c) => c.replace(/([A-Z])/g, " $1").toLowerCase()).join(", ")}` : "saved the epic (no change)";
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
    default:
      return action;
  }
}

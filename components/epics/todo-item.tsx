"use client";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/field";
import { deleteTodoAction } from "@/lib/actions/delete-todo";
import { updateTodoAction } from "@/lib/actions/update-todo";
import { PRIORITIES, type Priority, type TodoStatus } from "@/lib/domain/epic";
import type { Todo } from "@/lib/schemas/epic-detail";
import { cn } from "@/lib/utils/cn";

const STATUS_LABEL: Record<TodoStatus, string> = {
  pending: "Pending",
  in_progress: "In progress",
  completed: "Completed",
};

export function TodoItem({
  todo,
  readOnly,
  onChanged,
}: {
  todo: Todo;
  readOnly: boolean;
  onChanged: () => void;
}) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: todo.id, disabled: readOnly });
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(todo.content);
  const [error, setError] = useState<string | null>(null);
  // The checkbox and status answer at once; the server's word (or a live change) settles them.
  const [status, setStatus] = useState<TodoStatus>(todo.status);
  useEffect(() => setStatus(todo.status), [todo.status]);

  const update = async (fields: { status?: TodoStatus; content?: string; priority?: Priority }) => {
    if (fields.status) setStatus(fields.status);
    const result = await updateTodoAction({ id: todo.id, ...fields });
    if (!result.ok) {
      setStatus(todo.status);
      setError(result.fieldErrors?.content ?? result.message);
      toast.error(result.message);
      return false;
    }
    setError(null);
    onChanged();
    return true;
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await update({ content: text })) setEditing(false);
  };
  const remove = async () => {
    const result = await deleteTodoAction({ id: todo.id });
    if (!result.ok) return toast.error(result.message);
    onChanged();
  };

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="todo"
      data-status={status}
      className={cn(
        // On a phone the text keeps a line of its own; status, priority and ✕ wrap below it.
        "group flex flex-wrap items-center gap-x-2 gap-y-1 bg-surface px-2 py-1.5",
        isDragging && "relative z-10 shadow-md",
      )}
    >
      <button
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={`Reorder “${todo.content}” (Space, then arrows)`}
        className="cursor-grab rounded px-1 text-slate-500 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        ⋮⋮
      </button>
      <input
        type="checkbox"
        aria-label={`Completed: ${todo.content}`}
        checked={status === "completed"}
        disabled={readOnly}
        onChange={(e) => void update({ status: e.target.checked ? "completed" : "pending" })}
        className="size-4 rounded border-slate-300 accent-indigo-600"
      />
      {editing ? (
        <form onSubmit={save} className="min-w-[12rem] flex-1">
          <Input
            aria-label="Todo text"
            value={text}
            autoFocus
            invalid={!!error}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && (setEditing(false), setText(todo.content))}
            className="py-1"
          />
          {error && (
            <p role="alert" className="mt-1 text-xs text-red-600">
              {error}
            </p>
          )}
        </form>
      ) : (
        <button
          type="button"
          onClick={() => !readOnly && setEditing(true)}
          title={readOnly ? undefined : "Edit"}
          className={cn(
            "min-w-[12rem] flex-1 text-left text-sm",
            status === "completed" && "text-slate-500 line-through",
          )}
        >
          {todo.content}
        </button>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-1">
        <select
          aria-label={`Status of “${todo.content}”`}
          disabled={readOnly}
          value={status}
          onChange={(e) => void update({ status: e.target.value as TodoStatus })}
          className="rounded border-0 bg-transparent py-0.5 text-xs text-slate-500 ring-1 ring-inset ring-transparent hover:ring-slate-200"
        >
          {Object.entries(STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select
          aria-label={`Priority of “${todo.content}”`}
          disabled={readOnly}
          value={todo.priority}
          onChange={(e) => void update({ priority: e.target.value as Priority })}
          className={cn(
            "rounded border-0 bg-transparent py-0.5 text-xs ring-1 ring-inset ring-transparent hover:ring-slate-200",
            todo.priority === "high" ? "text-red-600" : "text-slate-500",
          )}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        {!readOnly && (
          <button
            type="button"
            onClick={remove}
            aria-label={`Delete “${todo.content}”`}
            className="rounded px-1 text-slate-500 hover:text-red-600"
          >
            ✕
          </button>
        )}
      </div>
    </li>
  );
}

"use client";
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { addTodoAction } from "@/lib/actions/add-todo";
import { reorderTodosAction } from "@/lib/actions/reorder-todos";
import { todoProgress } from "@/lib/domain/epic";
import { useRefreshEpic } from "@/lib/queries/epic-mutations";
import type { EpicDetail } from "@/lib/schemas/epic-detail";
import { useCan } from "@/components/layout/permissions";
import { TodoItem } from "./todo-item";

type Group = { phase: string | null; todos: EpicDetail["todos"] };

/** Todos by phase: the current phase first, then the pipeline's order, then those of no phase. */
function groupByPhase(todos: EpicDetail["todos"], current: string, lanes: string[]): Group[] {
  const phases = [...new Set(todos.map((t) => t.phase))];
  const rank = (p: string | null) =>
    p === current ? -1 : p === null ? 1e6 : lanes.indexOf(p) === -1 ? 1e5 : lanes.indexOf(p);
  return phases
    .sort((a, b) => rank(a) - rank(b))
    .map((phase) => ({ phase, todos: todos.filter((t) => t.phase === phase) }));
}

export function TodoList({
  epic,
  slug,
  lanes = [],
  laneTitle = (l) => l,
}: {
  epic: EpicDetail;
  slug: string;
  lanes?: string[];
  laneTitle?: (lane: string) => string;
}) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [order, setOrder] = useState<string[] | null>(null);
  const refresh = useRefreshEpic(slug);
  const canWrite = useCan("todo:write");
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const byId = new Map(epic.todos.map((t) => [t.id, t]));
  const todos =
    order && order.length === epic.todos.length && order.every((id) => byId.has(id))
      ? order.map((id) => byId.get(id)!)
      : epic.todos;
  const groups = groupByPhase(todos, epic.phase, lanes);
  // The count is the current phase's (what its gate checks), as on the card.
  const { done, total } = todoProgress(
    epic.todos.filter((t) => epic.phase === "DONE" || t.phase === epic.phase || t.phase === null),
  );

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const result = await addTodoAction({
      epicId: epic.id,
      content: draft,
      phase: epic.phase === "DONE" ? null : epic.phase,
    });
    if (!result.ok) return setError(result.fieldErrors?.content ?? result.message);
    setDraft("");
    setError(null);
    refresh(epic.id);
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = todos.map((t) => t.id);
    // Todos move within their phase: a drop on another phase's todo is ignored.
    if (byId.get(String(active.id))?.phase !== byId.get(String(over.id))?.phase) return;
    const next = arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
    setOrder(next);
    const result = await reorderTodosAction({ epicId: epic.id, orderedIds: next });
    if (!result.ok) {
      setOrder(null);
      toast.error(result.message);
    }
    refresh(epic.id);
  };

  return (
    <section aria-labelledby="todos-heading">
      <div className="mb-2 flex items-center justify-between">
        <h3
          id="todos-heading"
          className="text-xs font-semibold uppercase tracking-wide text-slate-500"
        >
          Todos
        </h3>
        <span
          className="text-xs tabular-nums text-slate-500"
          data-testid="todo-count"
          title="Todos of the current phase (what its gate checks)"
        >
          {done}/{total} completed
        </span>
      </div>
      {todos.length === 0 ? (
        <p className="mb-2 text-sm text-slate-500">
          No todos yet. Agents add theirs as they plan; you can add yours below.
        </p>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          {groups.map((g) => {
            const p = todoProgress(g.todos);
            const label = g.phase ? laneTitle(g.phase) : "No phase";
            return (
              <div
                key={g.phase ?? "none"}
                className="mb-3"
                data-testid="todo-group"
                data-phase={g.phase ?? ""}
              >
                <h4 className="mb-1 flex items-center gap-2 text-xs font-medium text-slate-600">
                  {label}
                  {g.phase === epic.phase && (
                    <span className="rounded bg-indigo-50 px-1.5 text-[10px] font-semibold uppercase text-indigo-700">
                      current
                    </span>
                  )}
                  <span className="ml-auto tabular-nums text-slate-500">
                    {p.done}/{p.total}
                  </span>
                </h4>
                <SortableContext
                  items={g.todos.map((t) => t.id)}
                  strategy={verticalListSortingStrategy}
                >
                  <ul
                    className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200"
                    data-testid="todo-list"
                    aria-label={`Todos of ${label}`}
                  >
                    {g.todos.map((t) => (
                      <TodoItem
                        key={t.id}
                        todo={t}
                        readOnly={!canWrite}
                        onChanged={() => refresh(epic.id)}
                      />
                    ))}
                  </ul>
                </SortableContext>
              </div>
            );
          })}
        </DndContext>
      )}
      {canWrite && (
        <form onSubmit={add} className="flex items-start gap-2" noValidate>
          <div className="flex-1">
            <Input
              id="new-todo"
              aria-label="New todo"
              placeholder="Add a todo…"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              invalid={!!error}
              className="py-1.5"
            />
            {error && (
              <p id="new-todo-error" role="alert" className="mt-1 text-xs font-medium text-red-600">
                {error}
              </p>
            )}
          </div>
          <Button type="submit" variant="secondary">
            Add
          </Button>
        </form>
      )}
    </section>
  );
}

"use client";
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
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

export function TodoList({ epic, slug }: { epic: EpicDetail; slug: string }) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [order, setOrder] = useState<string[] | null>(null);
  const refresh = useRefreshEpic(slug);
  const canWrite = useCan("todo:write");
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const byId = new Map(epic.todos.map((t) => [t.id, t]));
  const todos = order && order.length === epic.todos.length && order.every((id) => byId.has(id)) ? order.map((id) => byId.get(id)!) : epic.todos;
  const { done, total } = todoProgress(epic.todos);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const result = await addTodoAction({ epicId: epic.id, content: draft, phase: epic.phase === "DONE" ? null : epic.phase });
    if (!result.ok) return setError(result.fieldErrors?.content ?? result.message);
    setDraft("");
    setError(null);
    refresh(epic.id);
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = todos.map((t) => t.id);
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
        <h3 id="todos-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Todos
        </h3>
        <span className="text-xs tabular-nums text-slate-500" data-testid="todo-count">
          {done}/{total} completed
        </span>
      </div>
      {todos.length === 0 ? (
        <p className="mb-2 text-sm text-slate-400">No todos yet. Agents add theirs as they plan; you can add yours below.</p>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={todos.map((t) => t.id)} strategy={verticalListSortingStrategy}>
            <ul className="mb-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" data-testid="todo-list">
              {todos.map((t) => (
                <TodoItem key={t.id} todo={t} readOnly={!canWrite} onChanged={() => refresh(epic.id)} />
              ))}
            </ul>
          </SortableContext>
        </DndContext>
      )}
      {canWrite && <form onSubmit={add} className="flex items-start gap-2" noValidate>
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
      </form>}
    </section>
  );
}

"use client";
import { useState } from "react";
import { Markdown } from "@/components/ui/markdown";
import { toast } from "sonner";
import { PRIORITY_TONE, STATUS_TONE } from "@/components/board/status";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { useCan } from "@/components/layout/permissions";
import { deleteEpicAction } from "@/lib/actions/delete-epic";
import { EPIC_STATUS_LABEL } from "@/lib/domain/epic";
import { describeChange } from "@/lib/domain/history";
import { useEpicDetail } from "@/lib/queries/board";
import { useRefreshEpic } from "@/lib/queries/epic-mutations";
import type { EpicCard } from "@/lib/schemas/board";
import { EpicFormDialog } from "./epic-form-dialog";
import { AskDecisionDialog } from "@/components/decisions/ask-decision-dialog";
import { RunList } from "./run-list";
import { TodoList } from "./todo-list";
import { LocalTime } from "@/components/ui/local-time";

type Props = {
  epicId: string | null;
  slug: string;
  lanes: string[];
  laneTitle: (lane: string) => string;
  onClose: () => void;
  onMove: (
    card: Pick<EpicCard, "id" | "phase" | "status" | "title"> & { gate?: EpicCard["gate"] },
    to: string,
  ) => void;
  onStart?: (card: Pick<EpicCard, "id" | "phase">, patternIds?: string[]) => Promise<void> | void;
};

export function EpicDrawer({ epicId, slug, lanes, laneTitle, onClose, onMove, onStart }: Props) {
  const { data: epic, isPending, error } = useEpicDetail(epicId);
  const [editing, setEditing] = useState(false);
  const refresh = useRefreshEpic(slug);
  const canEdit = useCan("epic:update");
  const canDelete = useCan("epic:delete");
  const canMove = useCan("epic:move");
  const canAsk = useCan("decision:create");
  const [asking, setAsking] = useState(false);

  const [deleting, setDeleting] = useState(false);
  const remove = async () => {
    if (!epic) return;
    const result = await deleteEpicAction({ id: epic.id });
    if (!result.ok) return toast.error(result.message);
    refresh(epic.id);
    toast.success("Epic deleted");
    onClose();
  };

  const title = epic ? `#${epic.number} ${epic.title}` : "Epic";
  return (
    <Dialog open={epicId !== null} onOpenChange={(o) => !o && onClose()} title={title} side="right">
      {isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error.message}
        </p>
      )}
      {epic && (
        <div className="space-y-6" data-testid="epic-detail">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONE[epic.status]}>{EPIC_STATUS_LABEL[epic.status]}</Badge>
            <Badge tone={PRIORITY_TONE[epic.priority]}>{epic.priority} priority</Badge>
            <Badge>{epic.type}</Badge>
            {epic.targetVersion && (
              <Badge tone="indigo">v{epic.targetVersion.replace(/^v/, "")}</Badge>
            )}
            <div className="ml-auto flex items-center gap-2">
              <Select
                aria-label="Move to lane"
                disabled={!canMove}
                value={epic.phase}
                onChange={(e) =>
                  onMove(
                    { ...epic, gate: epic.lastGate?.phase === epic.phase ? epic.lastGate : null },
                    e.target.value,
                  )
                }
                className="w-40 py-1.5"
              >
                {lanes.map((l) => (
                  <option key={l} value={l}>
                    {laneTitle(l)}
                  </option>
                ))}
              </Select>
              {canEdit && (
                <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {canAsk && (
                <Button variant="secondary" size="sm" onClick={() => setAsking(true)}>
                  Ask for a decision
                </Button>
              )}
              {canDelete && (
                <Button variant="danger" size="sm" onClick={() => setDeleting(true)}>
                  Delete
                </Button>
              )}
            </div>
          </div>
          <section>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              Description
            </h3>
            {epic.description ? (
              <div className="markdown text-sm text-slate-800">
                <Markdown text={epic.description} />
              </div>
            ) : (
              <p className="text-sm text-slate-500">No description.</p>
            )}
          </section>
          {epic.keyRequirements.length > 0 && (
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Key requirements
              </h3>
              <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-800">
                {epic.keyRequirements.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </section>
          )}
          <TodoList epic={epic} slug={slug} lanes={lanes} laneTitle={laneTitle} />
          <RunList
            epic={epic}
            onStart={onStart && ((ids?: string[]) => onStart(epic, ids))}
            canRemoveWorktree={canEdit}
            onChanged={() => refresh(epic.id)}
          />
          <section>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              History
            </h3>
            <ol className="space-y-1.5 text-sm" data-testid="epic-history">
              {epic.history.map((h) => (
                <li key={h.id} className="flex gap-2">
                  <LocalTime iso={h.at} className="shrink-0 tabular-nums text-slate-500" />
                  <span>
                    <strong className="font-medium">{h.actor}</strong>{" "}
                    {describeChange(h.action, h.data)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <AskDecisionDialog epicId={epic.id} open={asking} onOpenChange={setAsking} />
          <EpicFormDialog
            open={editing}
            onOpenChange={setEditing}
            slug={slug}
            projectId={epic.projectId}
            epic={epic}
          />
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={epic ? `Delete epic #${epic.number}?` : "Delete epic?"}
        confirmLabel="Delete epic"
        danger
        onConfirm={() => void remove()}
      >
        <p>
          “{epic?.title}” leaves the board with its todos. Its runs, decisions and history stay in
          the audit log.
        </p>
      </ConfirmDialog>
    </Dialog>
  );
}

"use client";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { createDecisionAction } from "@/lib/actions/create-decision";
import { ANSWER_ROLES, URGENCIES } from "@/lib/domain/decisions";

/** "One option per line": `A: Upgrade now` (the key before the colon), or just the label. */
function parseOptions(text: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const m = /^([\w-]{1,20})\s*[:)]\s*(.+)$/.exec(line);
      return m ? { key: m[1], label: m[2] } : { key: String.fromCharCode(65 + i), label: line };
    });
}

export function AskDecisionDialog({
  epicId,
  open,
  onOpenChange,
}: {
  epicId: string;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const options = parseOptions(f.options ?? "");
    const rec = f.recommendation?.trim();
    const r = await createDecisionAction({
      epicId,
      title: f.title,
      context: f.context,
      impact: f.impact,
      urgency: f.urgency,
      answerRole: f.answerRole,
      options,
      recommendation: rec
        ? {
            option: rec.split(/\s+/)[0],
            why: rec
              .split(/\s+/)
              .slice(1)
              .join(" ")
              .replace(/^[-—:]\s*/, ""),
          }
        : null,
      deadline: f.deadline ? new Date(f.deadline).toISOString() : null,
      defaultOption: f.defaultOption || null,
    });
    if (!r.ok) return setErrors(r.fieldErrors ?? { title: r.message });
    setErrors({});
    toast.success("Decision asked: approvers see it now");
    onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Ask for a decision"
      description="Breaking changes, security, a major dependency, an architecture choice…"
    >
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="Ask for a decision">
        <Field id="d-title" label="What needs deciding" error={errors.title}>
          <Input id="d-title" name="title" invalid={!!errors.title} />
        </Field>
        <Field id="d-context" label="Context" hint="Markdown" error={errors.context}>
          <Textarea id="d-context" name="context" rows={3} />
        </Field>
        <Field
          id="d-options"
          label="Options"
          hint="One per line, e.g. A: Upgrade now"
          error={
            errors.options ?? Object.entries(errors).find(([k]) => k.startsWith("options."))?.[1]
          }
        >
          <Textarea id="d-options" name="options" rows={3} invalid={!!errors.options} />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="d-rec"
            label="Recommendation"
            hint="Option key, then why"
            error={errors.recommendation}
          >
            <Input id="d-rec" name="recommendation" placeholder="B — less risk" />
          </Field>
          <Field id="d-impact" label="Impact" error={errors.impact}>
            <Input id="d-impact" name="impact" />
          </Field>
          <Field id="d-urgency" label="Urgency">
            <Select id="d-urgency" name="urgency" defaultValue="normal">
              {URGENCIES.map((u) => (
                <option key={u}>{u}</option>
              ))}
            </Select>
          </Field>
          <Field id="d-role" label="Who answers">
            <Select id="d-role" name="answerRole" defaultValue="approver">
              {ANSWER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}s and above
                </option>
              ))}
            </Select>
          </Field>
          <Field id="d-deadline" label="Deadline" error={errors.deadline}>
            <Input
              id="d-deadline"
              name="deadline"
              type="datetime-local"
              invalid={!!errors.deadline}
            />
          </Field>
          <Field
            id="d-default"
            label="Default at the deadline"
            hint="Option key; empty escalates instead"
            error={errors.defaultOption}
          >
            <Input id="d-default" name="defaultOption" />
          </Field>
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit">Ask</Button>
        </div>
      </form>
    </Dialog>
  );
}

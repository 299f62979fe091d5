"use client";
import { useEffect, useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { createEpicAction } from "@/lib/actions/create-epic";
import { updateEpicAction } from "@/lib/actions/update-epic";
import { EPIC_TYPES, PRIORITIES } from "@/lib/domain/epic";
import { useRefreshEpic } from "@/lib/queries/epic-mutations";
import type { EpicDetail } from "@/lib/schemas/epic-detail";

type Values = {
  title: string;
  description: string;
  type: string;
  priority: string;
  targetVersion: string;
  keyRequirements: string;
};
const EMPTY: Values = {
  title: "",
  description: "",
  type: "feature",
  priority: "medium",
  targetVersion: "",
  keyRequirements: "",
};

function fromEpic(e: EpicDetail): Values {
  return {
    title: e.title,
    description: e.description,
    type: e.type,
    priority: e.priority,
    targetVersion: e.targetVersion ?? "",
    keyRequirements: e.keyRequirements.join("\n"),
  };
}

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  slug: string;
  projectId: string;
  epic?: EpicDetail;
  onSaved?: (id: string) => void;
};

export function EpicFormDialog({ open, onOpenChange, slug, projectId, epic, onSaved }: Props) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const refresh = useRefreshEpic(slug);

  useEffect(() => {
    if (open) {
      setValues(epic ? fromEpic(epic) : EMPTY);
      setErrors({});
    }
  }, [open, epic]);

  const set = (key: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      ...values,
      keyRequirements: values.keyRequirements
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
    };
    startTransition(async () => {
      const result = epic
        ? await updateEpicAction({ ...fields, id: epic.id })
        : await createEpicAction({ ...fields, projectId });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? { _form: result.message });
        return;
      }
      refresh(result.data.id);
      toast.success(epic ? "Epic saved" : "Epic created");
      onOpenChange(false);
      onSaved?.(result.data.id);
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={epic ? `Edit epic #${epic.number}` : "New epic"}
      description="An epic is a feature that moves through the pipeline's phases."
    >
      <form
        onSubmit={submit}
        className="space-y-4"
        noValidate
        aria-label={epic ? "Edit epic" : "New epic"}
      >
        {errors._form && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {errors._form}
          </p>
        )}
        <Field id="epic-title" label="Title" error={errors.title}>
          <Input
            id="epic-title"
            value={values.title}
            onChange={set("title")}
            invalid={!!errors.title}
            autoFocus
            placeholder="Sign in with magic links"
          />
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field id="epic-type" label="Type" error={errors.type}>
            <Select
              id="epic-type"
              value={values.type}
              onChange={set("type")}
              invalid={!!errors.type}
            >
              {EPIC_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="epic-priority" label="Priority" error={errors.priority}>
            <Select
              id="epic-priority"
              value={values.priority}
              onChange={set("priority")}
              invalid={!!errors.priority}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="epic-version" label="Target version" error={errors.targetVersion}>
            <Input
              id="epic-version"
              value={values.targetVersion}
              onChange={set("targetVersion")}
              invalid={!!errors.targetVersion}
              placeholder="1.4"
            />
          </Field>
        </div>
        <Field id="epic-description" label="Description" hint="Markdown" error={errors.description}>
          <Textarea
            id="epic-description"
            rows={6}
            value={values.description}
            onChange={set("description")}
            invalid={!!errors.description}
          />
        </Field>
        <Field
          id="epic-requirements"
          label="Key requirements"
          hint="One per line"
          error={
            errors.keyRequirements ??
            Object.entries(errors).find(([k]) => k.startsWith("keyRequirements."))?.[1]
          }
        >
          <Textarea
            id="epic-requirements"
            rows={3}
            value={values.keyRequirements}
            onChange={set("keyRequirements")}
            invalid={!!errors.keyRequirements}
          />
        </Field>
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : epic ? "Save epic" : "Create epic"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { createPatternAction } from "@/lib/actions/create-pattern";
import { updatePatternAction } from "@/lib/actions/update-pattern";

type Values = {
  name: string;
  description: string;
  whenToUse: string;
  implementation: string;
  examples: string;
  commonIssues: string;
  tags: string[];
};
const FIELDS: [keyof Values, string, string, number][] = [
  ["description", "Description", "What it is, in a sentence or two", 2],
  ["whenToUse", "When to use", "The situations it fits (and the ones it does not)", 3],
  ["implementation", "Implementation", "Markdown; fenced code is highlighted", 10],
  ["examples", "Examples in the codebase", "Paths and links", 3],
  ["commonIssues", "Common issues and fixes", "", 3],
];

export function PatternForm({ pattern }: { pattern?: Values & { id: string } }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const input = { ...f, tags: (f.tags ?? "").split(/[,\s]+/).filter(Boolean) };
    const r = pattern
      ? await updatePatternAction({ ...input, id: pattern.id })
      : await createPatternAction(input);
    if (!r.ok) return setErrors(r.fieldErrors ?? { name: r.message });
    toast.success(pattern ? "Pattern saved" : "Pattern added to the library");
    router.push(`/patterns/${(r.data as { id: string }).id}`);
    router.refresh();
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Pattern">
      <Field id="p-name" label="Name" error={errors.name}>
        <Input id="p-name" name="name" defaultValue={pattern?.name} invalid={!!errors.name} />
      </Field>
      {FIELDS.map(([key, label, hint, rows]) => (
        <Field key={key} id={`p-${key}`} label={label} hint={hint} error={errors[key]}>
          <Textarea
            id={`p-${key}`}
            name={key}
            rows={rows}
            defaultValue={pattern?.[key] as string | undefined}
            className={key === "implementation" ? "font-mono text-xs" : undefined}
          />
        </Field>
      ))}
      <Field
        id="p-tags"
        label="Tags"
        hint="Comma or space separated, like async, error-handling"
        error={errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith("tags."))?.[1]}
      >
        <Input id="p-tags" name="tags" defaultValue={pattern?.tags.join(", ")} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit">{pattern ? "Save pattern" : "Add pattern"}</Button>
      </div>
    </form>
  );
}

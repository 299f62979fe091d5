"use client";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/schemas/common";

type FieldSpec = {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  defaultValue?: string;
};

/** A small form posting to a server action; errors land on their fields, the rest above the button. */
export function AuthForm({
  fields,
  submitLabel,
  action,
  onDone,
  extra,
}: {
  fields: FieldSpec[];
  submitLabel: string;
  action: (input: Record<string, string>) => Promise<ActionResult<unknown>>;
  onDone: () => void;
  extra?: Record<string, string>;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<
      string,
      string
    >;
    start(async () => {
      const result = await action({ ...values, ...extra });
      if (result.ok) return onDone();
      setErrors(result.fieldErrors ?? {});
      setMessage(
        result.fieldErrors && Object.keys(result.fieldErrors).length ? null : result.message,
      );
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {fields.map((f) => (
        <Field key={f.name} id={`f-${f.name}`} label={f.label} hint={f.hint} error={errors[f.name]}>
          <Input
            id={`f-${f.name}`}
            name={f.name}
            type={f.type ?? "text"}
            autoComplete={f.autoComplete}
            defaultValue={f.defaultValue}
            invalid={!!errors[f.name]}
          />
        </Field>
      ))}
      {message && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "One moment…" : submitLabel}
      </Button>
    </form>
  );
}

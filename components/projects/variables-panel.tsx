"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { setProjectVariableAction } from "@/lib/actions/set-project-variable";

type Variable = {
  name: string;
  secret: boolean;
  value: string | null;
  updatedBy: string;
  updatedAt: string;
};

/**
 * What this project's agents find in their environment: plain variables (shown) and secrets
 * (stored encrypted, never shown again; replace one by setting it anew). Nothing of Hiveboard's own
 * configuration reaches an agent.
 */
export function VariablesPanel({
  projectId,
  variables,
}: {
  projectId: string;
  variables: Variable[];
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState(true);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "");
    setBusy(true);
    const r = await setProjectVariableAction({
      projectId,
      name,
      value: String(form.get("value") ?? ""),
      secret,
    });
    setBusy(false);
    if (!r.ok) return setErrors(r.fieldErrors ?? { _form: r.message });
    setErrors({});
    formEl.reset();
    toast.success(`${name.trim()} saved${secret ? " (encrypted)" : ""}`);
    router.refresh();
  };
  const remove = async (name: string) => {
    const r = await setProjectVariableAction({ projectId, name, remove: true });
    if (!r.ok) return toast.error(r.message);
    toast.success(`${name} removed`);
    router.refresh();
  };

  return (
    <section aria-labelledby="variables" className="mt-12 space-y-4">
      <div>
        <h2 id="variables" className="text-base font-semibold">
          Variables and secrets for agents
        </h2>
        <p className="text-sm text-slate-600">
          Every agent and command of this project finds these in its environment (an{" "}
          <code>NPM_TOKEN</code>, an <code>ANTHROPIC_API_KEY</code> of its own). Secrets are stored
          encrypted and never shown again. Hiveboard&apos;s own settings never reach an agent.
        </p>
      </div>
      <form
        onSubmit={add}
        className="flex flex-wrap items-start gap-2"
        noValidate
        aria-label="Add a variable"
      >
        <div className="w-48">
          <Input
            name="name"
            aria-label="Variable name"
            placeholder="NPM_TOKEN"
            autoComplete="off"
            invalid={!!errors.name}
            className="font-mono"
          />
          {errors.name && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-600">
              {errors.name}
            </p>
          )}
        </div>
        <div className="min-w-48 flex-1">
          <Input
            name="value"
            aria-label="Value"
            type={secret ? "password" : "text"}
            autoComplete="off"
            placeholder={secret ? "secret value" : "value"}
            invalid={!!errors.value}
            className="font-mono"
          />
          {errors.value && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-600">
              {errors.value}
            </p>
          )}
        </div>
        <label className="flex items-center gap-1.5 py-2 text-sm">
          <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} />
          Secret
        </label>
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save variable"}
        </Button>
      </form>
      {errors._form && (
        <p role="alert" className="text-sm text-red-600">
          {errors._form}
        </p>
      )}
      {variables.length === 0 ? (
        <p className="text-sm text-slate-500">
          No variables yet: agents get only what they need to run (PATH, HOME, their own
          credentials).
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-md bg-surface ring-1 ring-slate-200"
          data-testid="variables"
        >
          {variables.map((v) => (
            <li
              key={v.name}
              className="flex items-center gap-2 px-3 py-2 text-sm"
              data-testid="variable"
            >
              <code className="font-mono font-medium">{v.name}</code>
              {v.secret && <Badge tone="amber">secret</Badge>}
              <code
                className="flex-1 truncate font-mono text-slate-600"
                title={v.secret ? "Stored encrypted; set it again to replace it" : (v.value ?? "")}
              >
                {v.secret ? "••••••••" : v.value || "(empty)"}
              </code>
              <span className="text-xs text-slate-500">{v.updatedBy && `by ${v.updatedBy}`}</span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${v.name}`}
                onClick={() => void remove(v.name)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

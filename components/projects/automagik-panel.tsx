"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setAutomagikServerAction } from "@/lib/actions/set-automagik-server";

/** Where phases with the automagik runner run: a remote Automagik workflows server and its API key. */
export function AutomagikPanel({
  projectId,
  url,
  keySet,
}: {
  projectId: string;
  url: string | null;
  keySet: boolean;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    const r = await setAutomagikServerAction({
      projectId,
      url: String(form.get("url") ?? ""),
      apiKey: String(form.get("apiKey") ?? ""),
      clearKey: false,
    });
    setBusy(false);
    if (!r.ok) return setErrors(r.fieldErrors ?? { _form: r.message });
    setErrors({});
    (formEl.elements.namedItem("apiKey") as HTMLInputElement).value = "";
    toast.success(r.data.url ? "Automagik server saved" : "Automagik server removed");
    router.refresh();
  };
  return (
    <section aria-labelledby="automagik" className="mt-12 space-y-4">
      <div>
        <h2 id="automagik" className="text-base font-semibold">
          Automagik server
        </h2>
        <p className="text-sm text-slate-600">
          Phases whose runner is <code>automagik</code> run on this Automagik workflows server. The
          key is stored encrypted and never shown again.
        </p>
      </div>
      <form onSubmit={save} className="space-y-3" noValidate aria-label="Automagik server">
        <Field id="automagik-url" label="Server URL" error={errors.url}>
          <Input
            id="automagik-url"
            name="url"
            defaultValue={url ?? ""}
            placeholder="http://localhost:28881"
            invalid={!!errors.url}
          />
        </Field>
        <Field
          id="automagik-key"
          label="API key"
          hint={keySet ? "A key is stored. Leave empty to keep it." : "No key stored yet."}
          error={errors.apiKey}
        >
          <Input
            id="automagik-key"
            name="apiKey"
            type="password"
            autoComplete="off"
            placeholder={keySet ? "•••••••• (stored)" : ""}
            invalid={!!errors.apiKey}
          />
        </Field>
        {errors._form && (
          <p role="alert" className="text-sm text-red-600">
            {errors._form}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save server"}
          </Button>
        </div>
      </form>
    </section>
  );
}

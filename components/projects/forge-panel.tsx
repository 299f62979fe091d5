"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setForgeAction } from "@/lib/actions/review";

type Settings = {
  gitRemote: string | null;
  forge: string | null;
  apiUrl: string | null;
  repo: string | null;
  tokenMasked: string | null;
};

/** Where epics' branches are pushed and their pull requests opened: the remote, the forge, its token. */
export function ForgePanel({ projectId, settings }: { projectId: string; settings: Settings }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    const r = await setForgeAction({
      projectId,
      gitRemote: String(form.get("gitRemote") ?? ""),
      forge: String(form.get("forge") ?? ""),
      apiUrl: String(form.get("apiUrl") ?? ""),
      repo: String(form.get("repo") ?? ""),
      token: String(form.get("token") ?? ""),
    });
    setBusy(false);
    if (!r.ok) return setErrors(r.fieldErrors ?? { _form: r.message });
    setErrors({});
    (formEl.elements.namedItem("token") as HTMLInputElement).value = "";
    toast.success(r.data.forge ? "Forge saved" : "Pull requests turned off");
    router.refresh();
  };
  return (
    <section aria-labelledby="forge" className="mt-12 space-y-4">
      <div>
        <h2 id="forge" className="text-base font-semibold">
          Remote and pull requests
        </h2>
        <p className="text-sm text-slate-600">
          Epics&apos; branches are pushed to this remote and their pull requests opened on GitHub or
          Gitea (Forgejo too). The token is stored encrypted and shown masked.
        </p>
      </div>
      <form onSubmit={save} className="space-y-3" noValidate aria-label="Remote and pull requests">
        <Field id="forge-remote" label="Remote (https)" error={errors.gitRemote}>
          <Input
            id="forge-remote"
            name="gitRemote"
            defaultValue={settings.gitRemote ?? ""}
            placeholder="https://github.com/acme/web.git"
            invalid={!!errors.gitRemote}
          />
        </Field>
        <Field id="forge-kind" label="Forge" error={errors.forge}>
          <select
            id="forge-kind"
            name="forge"
            defaultValue={settings.forge ?? ""}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">None (no pull requests)</option>
            <option value="github">GitHub</option>
            <option value="gitea">Gitea or Forgejo</option>
          </select>
        </Field>
        <Field id="forge-repo" label="Owner/name on the forge" error={errors.repo}>
          <Input
            id="forge-repo"
            name="repo"
            defaultValue={settings.repo ?? ""}
            placeholder="acme/web"
            invalid={!!errors.repo}
          />
        </Field>
        <Field
          id="forge-api"
          label="API base"
          hint="GitHub: leave empty (https://api.github.com). Gitea: https://gitea.example.com/api/v1"
          error={errors.apiUrl}
        >
          <Input
            id="forge-api"
            name="apiUrl"
            defaultValue={settings.apiUrl ?? ""}
            invalid={!!errors.apiUrl}
          />
        </Field>
        <Field
          id="forge-token"
          label="Token"
          hint={
            settings.tokenMasked
              ? `Stored: ${settings.tokenMasked}. Leave empty to keep it.`
              : "A token that may push and open pull requests."
          }
          error={errors.token}
        >
          <Input
            id="forge-token"
            name="token"
            type="password"
            autoComplete="off"
            invalid={!!errors.token}
          />
        </Field>
        {errors._form && (
          <p role="alert" className="text-sm text-red-600">
            {errors._form}
          </p>
        )}
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save remote"}
        </Button>
      </form>
    </section>
  );
}

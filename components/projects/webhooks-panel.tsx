"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { addWebhookAction } from "@/lib/actions/add-webhook";
import { removeWebhookAction } from "@/lib/actions/remove-webhook";
import { LocalTime } from "@/components/ui/local-time";

type Hook = {
  id: string;
  url: string;
  deliveries: {
    id: string;
    event: string;
    status: string;
    attempts: number;
    responseCode: number | null;
    error: string | null;
    createdAt: string;
  }[];
};
const TONE = { delivered: "green", pending: "amber", failed: "red" } as const;

/** Decision events POSTed to the project's receivers, signed with HMAC-SHA256 (x-hiveboard-signature). */
export function WebhooksPanel({ projectId, hooks }: { projectId: string; hooks: Hook[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const url = String(new FormData(e.currentTarget).get("url") ?? "");
    const r = await addWebhookAction({ projectId, url });
    if (!r.ok) return setError(r.fieldErrors?.url ?? r.message);
    setError(null);
    setSecret((r.data as { secret: string }).secret);
    router.refresh();
  };
  return (
    <section aria-labelledby="webhooks" className="mt-12 space-y-4">
      <div>
        <h2 id="webhooks" className="text-base font-semibold">
          Webhooks
        </h2>
        <p className="text-sm text-slate-600">
          Decisions opened, answered, auto-applied and overdue are POSTed as JSON. Check{" "}
          <code>x-hiveboard-signature</code>: <code>sha256=</code> HMAC-SHA256 of the body with the
          secret. Failed deliveries are retried after 1, 4, 16, 64 and 256 s.
        </p>
      </div>
      <form onSubmit={add} className="flex flex-wrap items-start gap-2" noValidate>
        <div className="min-w-64 flex-1">
          <Input
            name="url"
            aria-label="Webhook URL"
            placeholder="https://hooks.example.com/hiveboard"
            invalid={!!error}
            id="webhook-url"
          />
          {error && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-600">
              {error}
            </p>
          )}
        </div>
        <Button type="submit">Add webhook</Button>
      </form>
      {secret && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-200">
          Signing secret (shown once):{" "}
          <code data-testid="webhook-secret" className="break-all font-mono">
            {secret}
          </code>
        </p>
      )}
      {hooks.map((h) => (
        <div
          key={h.id}
          className="rounded-md bg-surface p-3 ring-1 ring-slate-200"
          data-testid="webhook"
        >
          <div className="flex items-center gap-2">
            <code className="flex-1 truncate text-sm">{h.url}</code>
            <Button
              variant="danger"
              size="sm"
              onClick={async () => {
                const r = await removeWebhookAction({ id: h.id });
                if (!r.ok) toast.error(r.message);
                router.refresh();
              }}
            >
              Remove
            </Button>
          </div>
          {h.deliveries.length === 0 ? (
            <p className="mt-2 text-xs text-slate-500">No deliveries yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-xs">
              {h.deliveries.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-2" data-testid="delivery">
                  <Badge tone={TONE[d.status as keyof typeof TONE] ?? "slate"}>{d.status}</Badge>
                  <span className="font-mono">{d.event}</span>
                  <span className="text-slate-500">
                    {d.responseCode ?? "no response"} · {d.attempts} attempt
                    {d.attempts === 1 ? "" : "s"}
                  </span>
                  {d.error && <span className="text-red-600">{d.error}</span>}
                  <span className="ml-auto text-slate-500">
                    <LocalTime iso={d.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { createApiKeyAction } from "@/lib/actions/create-api-key";
import { createInviteAction } from "@/lib/actions/create-invite";
import { revokeApiKeyAction } from "@/lib/actions/revoke-api-key";
import { revokeInviteAction } from "@/lib/actions/revoke-invite";
import { PeopleSection, type Person } from "./people-section";
import { RoleSelect, when } from "./admin-bits";
import type { ActionResult } from "@/lib/schemas/common";

type Data = {
  users: Person[];
  invites: {
    id: string;
    role: string;
    email: string | null;
    expiresAt: string;
    usedAt: string | null;
    revokedAt: string | null;
    usedBy: string | null;
  }[];
  keys: {
    id: string;
    name: string;
    prefix: string;
    role: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
};

export function AccountsAdmin({ data }: { data: Data }) {
  const router = useRouter();
  const [shown, setShown] = useState<{ label: string; value: string } | null>(null);
  const done = (r: ActionResult<unknown>, ok: string) => {
    if (!r.ok) return (toast.error(r.message), false);
    toast.success(ok);
    router.refresh();
    return true;
  };
  const onInvite = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const r = await createInviteAction(f);
    if (done(r, "Invite link created") && r.ok)
      setShown({
        label: "Invite link (shown once; valid 7 days)",
        value: `${window.location.origin}${(r.data as { path: string }).path}`,
      });
  };
  const onKey = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const r = await createApiKeyAction(f);
    if (done(r, "API key created") && r.ok)
      setShown({
        label: "API key (shown once: copy it now)",
        value: (r.data as { key: string }).key,
      });
  };

  return (
    <div className="space-y-10">
      {shown && (
        <div role="status" className="rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="text-sm font-medium text-emerald-900">{shown.label}</p>
          <code data-testid="secret" className="mt-1 block break-all font-mono text-sm">
            {shown.value}
          </code>
          <button
            type="button"
            className="mt-2 text-xs text-emerald-800 underline"
            onClick={() => void navigator.clipboard?.writeText(shown.value)}
          >
            Copy
          </button>
        </div>
      )}
      <PeopleSection users={data.users} done={done} />
      <section aria-labelledby="invites">
        <h2 id="invites" className="mb-3 text-base font-semibold">
          Invite someone
        </h2>
        <form onSubmit={onInvite} className="flex flex-wrap items-center gap-2">
          <RoleSelect name="role" label="Role for the invite" />
          <Input
            name="email"
            aria-label="Email (optional)"
            placeholder="Email (optional: only this address may use it)"
            className="w-80 py-1.5"
          />
          <Button type="submit">Create invite link</Button>
        </form>
        {data.invites.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">No invites yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 text-sm text-slate-600">
            {data.invites.map((i) => {
              const open = !i.usedAt && !i.revokedAt && new Date(i.expiresAt) > new Date();
              return (
                <li key={i.id} data-testid="invite-row" className="flex items-center gap-2 py-1.5">
                  <Badge>{i.role}</Badge>
                  <span>{i.email ?? "anyone with the link"}</span>
                  <span>·</span>
                  <span>
                    {i.usedAt ? (
                      <>
                        used by <strong>{i.usedBy ?? "someone since removed"}</strong>{" "}
                        {when(i.usedAt)}
                      </>
                    ) : i.revokedAt ? (
                      <>revoked {when(i.revokedAt)}</>
                    ) : open ? (
                      <>valid until {when(i.expiresAt)}</>
                    ) : (
                      "expired"
                    )}
                  </span>
                  {open && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="ml-auto"
                      onClick={async () =>
                        done(await revokeInviteAction({ id: i.id }), "Invite revoked")
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys" className="mb-3 text-base font-semibold">
          API keys
        </h2>
        <form onSubmit={onKey} className="flex flex-wrap items-center gap-2">
          <Input
            name="name"
            aria-label="Key name"
            placeholder="What uses it, e.g. CI orchestrator"
            className="w-72 py-1.5"
          />
          <RoleSelect name="role" label="Role of the key" />
          <Button type="submit">Create API key</Button>
        </form>
        <table className="mt-3 w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {data.keys.map((k) => (
              <tr key={k.id} data-testid="key-row">
                <td className="py-2 font-medium">{k.name}</td>
                <td className="font-mono text-xs text-slate-500">{k.prefix}…</td>
                <td>
                  <Badge>{k.role}</Badge>
                </td>
                <td className="text-slate-500">last used {when(k.lastUsedAt)}</td>
                <td className="text-right">
                  {k.revokedAt ? (
                    <span className="text-xs text-slate-500">revoked {when(k.revokedAt)}</span>
                  ) : (
                    <Button
                      variant="danger"
                      size="sm"
                      onClick={async () =>
                        done(await revokeApiKeyAction({ id: k.id }), `Revoked ${k.name}`)
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { changeRoleAction } from "@/lib/actions/change-role";
import { createApiKeyAction } from "@/lib/actions/create-api-key";
import { createInviteAction } from "@/lib/actions/create-invite";
import { revokeApiKeyAction } from "@/lib/actions/revoke-api-key";
import { revokeSessionsAction } from "@/lib/actions/revoke-sessions";
import { ROLES } from "@/lib/domain/permissions";
import type { ActionResult } from "@/lib/schemas/common";

type Data = {
  users: { id: string; name: string; email: string; role: string; sessions: number }[];
  invites: {
    id: string;
    role: string;
    email: string | null;
    expiresAt: string;
    usedAt: string | null;
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

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

function RoleSelect({
  name,
  value,
  onChange,
  label,
}: {
  name?: string;
  value?: string;
  onChange?: (v: string) => void;
  label: string;
}) {
  return (
    <Select
      name={name}
      aria-label={label}
      value={value}
      defaultValue={value === undefined ? "developer" : undefined}
      onChange={onChange && ((e) => onChange(e.target.value))}
      className="w-36 py-1.5"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </Select>
  );
}

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
      <section aria-labelledby="users">
        <h2 id="users" className="mb-3 text-base font-semibold">
          People
        </h2>
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {data.users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td className="py-2 font-medium">{u.name}</td>
                <td className="text-slate-600">{u.email}</td>
                <td>
                  <RoleSelect
                    label={`Role of ${u.name}`}
                    value={u.role}
                    onChange={async (role) =>
                      done(
                        await changeRoleAction({ userId: u.id, role }),
                        `${u.name} is now ${role}`,
                      )
                    }
                  />
                </td>
                <td className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={async () =>
                      done(
                        await revokeSessionsAction({ userId: u.id }),
                        `Signed ${u.name} out everywhere`,
                      )
                    }
                  >
                    Sign out everywhere ({u.sessions})
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
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
        <ul className="mt-3 space-y-1 text-sm text-slate-600">
          {data.invites.map((i) => (
            <li key={i.id}>
              <Badge>{i.role}</Badge> {i.email ?? "anyone with the link"} ·{" "}
              {i.usedAt
                ? `used ${when(i.usedAt)}`
                : new Date(i.expiresAt) < new Date()
                  ? "expired"
                  : `valid until ${when(i.expiresAt)}`}
            </li>
          ))}
        </ul>
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

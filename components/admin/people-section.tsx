"use client";
import { useState } from "react";
import { useMe } from "@/components/layout/permissions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { changeRoleAction } from "@/lib/actions/change-role";
import { revokeSessionsAction } from "@/lib/actions/revoke-sessions";
import { setUserActiveAction } from "@/lib/actions/set-user-active";
import { RoleSelect, type Done } from "./admin-bits";

export type Person = {
  id: string;
  name: string;
  email: string;
  role: string;
  sessions: number;
  deactivatedAt: string | null;
};

/** The people of this install: their role, their sessions, and whether they may still sign in. */
export function PeopleSection({ users, done }: { users: Person[]; done: Done }) {
  const me = useMe();
  const [deactivating, setDeactivating] = useState<{ id: string; name: string } | null>(null);
  const data = { users };
  return (
    <>
      <section aria-labelledby="users">
        <h2 id="users" className="mb-3 text-base font-semibold">
          People
        </h2>
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {data.users.map((u) => (
              <tr
                key={u.id}
                data-testid="user-row"
                className={u.deactivatedAt ? "text-slate-500" : undefined}
              >
                <td className="py-2 font-medium">
                  {u.name}
                  {u.deactivatedAt && (
                    <Badge tone="red" className="ml-2">
                      deactivated
                    </Badge>
                  )}
                </td>
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
                  {u.name !== me.name &&
                    (u.deactivatedAt ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={async () =>
                          done(
                            await setUserActiveAction({ userId: u.id, active: true }),
                            `${u.name} can sign in again`,
                          )
                        }
                      >
                        Reactivate
                      </Button>
                    ) : (
                      <Button variant="danger" size="sm" onClick={() => setDeactivating(u)}>
                        Deactivate
                      </Button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ConfirmDialog
        open={deactivating !== null}
        onOpenChange={(o) => !o && setDeactivating(null)}
        title={`Deactivate ${deactivating?.name ?? ""}?`}
        confirmLabel="Deactivate"
        danger
        onConfirm={async () => {
          if (deactivating)
            done(
              await setUserActiveAction({ userId: deactivating.id, active: false }),
              `${deactivating.name} is deactivated`,
            );
          setDeactivating(null);
        }}
      >
        <p>
          They are signed out everywhere at once and cannot sign in until reactivated. What they did
          stays, with their name.
        </p>
      </ConfirmDialog>
    </>
  );
}

"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOutAction } from "@/lib/actions/sign-out";
import { useMe } from "./permissions";

export function UserMenu() {
  const me = useMe();
  const router = useRouter();
  if (!me.role) return null;
  return (
    <div className="flex items-center gap-3 border-l border-slate-200 pl-3 text-sm">
      {me.role === "admin" && (
        <Link href="/admin" className="text-slate-600 hover:text-slate-900">
          Admin
        </Link>
      )}
      {(me.role === "admin" || me.role === "manager") && (
        <Link href="/admin/audit" className="text-slate-600 hover:text-slate-900">
          Audit log
        </Link>
      )}
      <span className="text-slate-700" data-testid="me">
        {me.name} <span className="text-xs text-slate-400">({me.role})</span>
      </span>
      <button
        type="button"
        className="text-slate-500 hover:text-slate-900"
        onClick={async () => {
          await signOutAction();
          router.push("/sign-in");
          router.refresh();
        }}
      >
        Sign out
      </button>
    </div>
  );
}

"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOutAction } from "@/lib/actions/sign-out";
import { useMe } from "./permissions";
import { ThemeSwitch } from "./theme-switch";
import { CommandPalette, SearchButton } from "./command-palette";

export function UserMenu() {
  const me = useMe();
  const router = useRouter();
  if (!me.role)
    return (
      <div className="flex items-center gap-x-3 text-sm">
        <Link href="/help" className="text-slate-600 hover:text-slate-900">
          Help
        </Link>
        <ThemeSwitch />
      </div>
    );
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-slate-200 text-sm sm:border-l sm:pl-3">
      <SearchButton />
      <CommandPalette />
      <Link href="/decisions" className="text-slate-600 hover:text-slate-900">
        Decisions
      </Link>
      <Link href="/patterns" className="hidden text-slate-600 hover:text-slate-900 sm:inline">
        Patterns
      </Link>
      <Link href="/metrics" className="hidden text-slate-600 hover:text-slate-900 sm:inline">
        Metrics
      </Link>
      <Link href="/api-docs" className="hidden text-slate-600 hover:text-slate-900 lg:inline">
        API
      </Link>
      {me.role === "admin" && (
        <Link href="/admin" className="hidden text-slate-600 hover:text-slate-900 sm:inline">
          Admin
        </Link>
      )}
      {(me.role === "admin" || me.role === "manager") && (
        <>
          <Link href="/agents" className="hidden text-slate-600 hover:text-slate-900 sm:inline">
            Agents
          </Link>
          <Link
            href="/admin/audit"
            className="hidden text-slate-600 hover:text-slate-900 sm:inline"
          >
            Audit log
          </Link>
        </>
      )}
      <Link href="/help" className="text-slate-600 hover:text-slate-900">
        Help
      </Link>
      <ThemeSwitch />
      <span className="hidden text-slate-700 sm:inline" data-testid="me">
        {me.name} <span className="text-xs text-slate-500">({me.role})</span>
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

import Link from "next/link";
import type { ReactNode } from "react";

export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg bg-surface p-6 shadow-sm ring-1 ring-slate-200">
        <div className="mb-5 flex items-center gap-2">
          <img src="/icon.svg" alt="" width={24} height={24} />
          <span className="font-semibold">Hiveboard</span>
        </div>
        <h1 className="text-lg font-semibold">{title}</h1>
        {intro && <p className="mt-1 text-sm text-slate-600">{intro}</p>}
        <div className="mt-5">{children}</div>
        <p className="mt-5 text-center text-xs text-slate-500">
          New here?{" "}
          <Link href="/help" className="underline hover:text-slate-900">
            What Hiveboard is, in a few minutes
          </Link>
        </p>
      </div>
    </main>
  );
}

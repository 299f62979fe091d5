"use client";
import Link from "next/link";
import { useState } from "react";
import type { ChecklistStep } from "@/lib/domain/checklist";
import { plural } from "@/lib/utils/format";

/** The first steps of a new install, ticked from what really happened; hidden for good on request. */
export function FirstRunChecklist({ steps }: { steps: ChecklistStep[] }) {
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  const done = steps.filter((s) => s.done).length;
  return (
    <section
      aria-labelledby="first-run-title"
      data-testid="first-run"
      className="border-b border-slate-200 bg-surface px-5 py-3"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="first-run-title" className="text-sm font-semibold">
          Getting started
        </h2>
        <div
          role="progressbar"
          aria-label="Getting started"
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
          className="h-1.5 w-32 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className="h-full rounded-full bg-emerald-500"
            style={{ width: `${(done / steps.length) * 100}%` }}
          />
        </div>
        <span className="text-xs text-slate-600">
          {done} of {plural(steps.length, "step")} done
        </span>
        <button
          type="button"
          className="ml-auto text-xs text-slate-600 underline hover:text-slate-900"
          onClick={() => {
            document.cookie = "hb-checklist=dismissed; path=/; max-age=31536000; samesite=lax";
            setHidden(true);
          }}
        >
          Hide these steps
        </button>
      </div>
      <ol className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {steps.map((s) => (
          <li
            key={s.key}
            data-testid={`first-run-${s.key}`}
            data-done={s.done}
            className="flex gap-2 rounded-md p-2 text-sm ring-1 ring-slate-200"
          >
            <span
              aria-hidden
              className={
                s.done
                  ? "mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-[10px] text-white"
                  : "mt-0.5 h-4 w-4 shrink-0 rounded-full ring-1 ring-slate-400"
              }
            >
              {s.done ? "✓" : ""}
            </span>
            <div>
              <p className={s.done ? "font-medium text-slate-600 line-through" : "font-medium"}>
                {s.href && !s.done ? (
                  <Link href={s.href} className="hover:underline">
                    {s.title}
                  </Link>
                ) : (
                  s.title
                )}
                <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
              </p>
              <p className="text-xs text-slate-600">{s.detail}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

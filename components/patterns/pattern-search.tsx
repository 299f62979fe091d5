"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/field";

/** The search box and tag filter of /patterns, kept in the URL so results can be shared. */
export function PatternSearch({ q, tag, tags }: { q: string; tag: string; tags: string[] }) {
  const router = useRouter();
  const path = usePathname();
  const [text, setText] = useState(q);
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    pending.current = setTimeout(() => {
      if (text !== q)
        router.replace(
          `${path}?${new URLSearchParams({ ...(text ? { q: text } : {}), ...(tag ? { tag } : {}) })}`,
        );
    }, 250);
    return () => clearTimeout(pending.current);
  }, [text, q, tag, path, router]);
  useEffect(() => {
    // A click on a link (a result, the header) is a way out: a search still waiting to be sent
    // would replace that navigation and bring the person back to the list.
    const leave = (e: MouseEvent) => {
      if ((e.target as Element | null)?.closest?.("a[href]")) clearTimeout(pending.current);
    };
    document.addEventListener("click", leave, true);
    return () => document.removeEventListener("click", leave, true);
  }, []);
  return (
    <div className="space-y-2" role="search">
      <Input
        aria-label="Search patterns"
        placeholder="Search names, tags, descriptions, code…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="flex flex-wrap gap-1.5">
        {tags.map((t) => (
          <a
            key={t}
            href={`${path}?${new URLSearchParams({ ...(text ? { q: text } : {}), ...(t === tag ? {} : { tag: t }) })}`}
            className={`rounded-full px-2 py-0.5 text-xs ring-1 ${t === tag ? "bg-accent text-white ring-indigo-600" : "bg-surface text-slate-600 ring-slate-200 hover:bg-slate-50"}`}
          >
            {t}
          </a>
        ))}
      </div>
    </div>
  );
}

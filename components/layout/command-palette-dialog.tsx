"use client";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { useSearch, type SearchHit } from "@/lib/queries/search";

const GROUPS: [SearchHit["kind"], string][] = [
  ["project", "Projects"],
  ["epic", "Epics"],
  ["run", "Runs"],
  ["decision", "Decisions"],
  ["pattern", "Patterns"],
];
const PAGES = [
  ["Decisions inbox", "/decisions"],
  ["Pattern library", "/patterns"],
  ["Metrics", "/metrics"],
  ["Help", "/help"],
] as const;

/** The palette itself (cmdk and its dialog), loaded the first time it opens: see ./command-palette. */
export default function CommandPaletteDialog({
  open,
  setOpen,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const router = useRouter();
  const [q, setQ] = useState("");
  const deferred = useDeferredValue(q);
  const search = useSearch(deferred);
  const go = (href: string) => {
    setOpen(false);
    setQ("");
    router.push(href);
  };
  const hits = q.trim() ? (search.data ?? []) : [];
  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Search Hiveboard"
      shouldFilter={false}
      overlayClassName="fixed inset-0 z-40 bg-black/40"
      contentClassName="fixed left-1/2 top-[12vh] z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg bg-surface shadow-2xl ring-1 ring-slate-200"
    >
      <Command.Input
        value={q}
        onValueChange={setQ}
        placeholder="Search epics, runs, decisions, patterns…"
        className="w-full border-b border-slate-200 bg-transparent px-4 py-3 text-sm outline-none placeholder:text-slate-500"
      />
      <Command.List className="max-h-[60vh] overflow-y-auto p-2 text-sm" data-testid="palette">
        {q.trim() && search.isFetching && hits.length === 0 && (
          <Command.Loading>
            <p className="px-2 py-3 text-slate-500">Searching…</p>
          </Command.Loading>
        )}
        {q.trim() && !search.isFetching && (
          <Command.Empty className="px-2 py-3 text-slate-500">
            Nothing found for “{q.trim()}”.
          </Command.Empty>
        )}
        {search.error && q.trim() && (
          <p role="alert" className="px-2 py-3 text-red-600">
            {search.error.message}
          </p>
        )}
        {!q.trim() && (
          <Command.Group heading="Go to" className="palette-group">
            {PAGES.map(([label, href]) => (
              <Command.Item
                key={href}
                value={href}
                onSelect={() => go(href)}
                className="palette-item"
              >
                {label}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {GROUPS.map(([kind, heading]) => {
          const of = hits.filter((h) => h.kind === kind);
          return of.length ? (
            <Command.Group key={kind} heading={heading} className="palette-group">
              {of.map((h) => (
                <Command.Item
                  key={`${h.kind}:${h.id}`}
                  value={`${h.kind}:${h.id}`}
                  onSelect={() => go(h.href)}
                  className="palette-item"
                >
                  <span className="truncate">{h.title}</span>
                  <span className="ml-auto shrink-0 text-xs text-slate-500">{h.detail}</span>
                </Command.Item>
              ))}
            </Command.Group>
          ) : null;
        })}
      </Command.List>
      <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500">
        ↑ ↓ to move · Enter to open · Esc to close
      </p>
    </Command.Dialog>
  );
}

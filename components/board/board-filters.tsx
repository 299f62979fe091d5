"use client";
import { useEffect, useRef } from "react";
import { Input, Select } from "@/components/ui/field";
import { EPIC_TYPES, PRIORITIES } from "@/lib/domain/epic";
import type { EpicCard } from "@/lib/schemas/board";

export type BoardFilter = { q: string; priority: string; type: string };
export const NO_FILTER: BoardFilter = { q: "", priority: "all", type: "all" };

export function matchesFilter(card: EpicCard, f: BoardFilter): boolean {
  if (f.priority !== "all" && card.priority !== f.priority) return false;
  if (f.type !== "all" && card.type !== f.type) return false;
  const q = f.q.trim().toLowerCase();
  if (!q) return true;
  return (
    card.title.toLowerCase().includes(q) || `#${card.number}` === q || String(card.number) === q
  );
}

export function BoardFilters({
  value,
  onChange,
}: {
  value: BoardFilter;
  onChange: (f: BoardFilter) => void;
}) {
  const search = useRef<HTMLInputElement>(null);
  // "/" focuses the search, as in most trackers.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        e.key === "/" &&
        !["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) &&
        !target.isContentEditable
      ) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const active = value.q !== "" || value.priority !== "all" || value.type !== "all";
  return (
    <div className="flex flex-wrap items-center gap-2" role="search">
      <Input
        ref={search}
        id="board-search"
        type="search"
        aria-label="Search epics"
        placeholder="Search epics  ( / )"
        value={value.q}
        onChange={(e) => onChange({ ...value, q: e.target.value })}
        className="w-56 py-1.5"
      />
      <Select
        aria-label="Priority"
        value={value.priority}
        onChange={(e) => onChange({ ...value, priority: e.target.value })}
        className="w-40 py-1.5"
      >
        <option value="all">All priorities</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p[0].toUpperCase() + p.slice(1)} priority
          </option>
        ))}
      </Select>
      <Select
        aria-label="Type"
        value={value.type}
        onChange={(e) => onChange({ ...value, type: e.target.value })}
        className="w-32 py-1.5"
      >
        <option value="all">All types</option>
        {EPIC_TYPES.map((t) => (
          <option key={t} value={t}>
            {t[0].toUpperCase() + t.slice(1)}
          </option>
        ))}
      </Select>
      {active && (
        <button
          type="button"
          onClick={() => onChange({ q: "", priority: "all", type: "all" })}
          className="text-sm text-indigo-600 hover:underline"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

"use client";
import { lazy, Suspense, useEffect, useState } from "react";

// cmdk and the dialog (~30 KB gzip) are not part of a page's first load: they arrive on first use.
const CommandPaletteDialog = lazy(() => import("./command-palette-dialog"));

/**
 * ⌘K (Ctrl+K): one search over every project — epics, runs, decisions, patterns — moved through
 * with ↑/↓ and opened with Enter. Also opened by the header's Search button.
 */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setWanted(true);
        setOpen((o) => !o);
      }
    };
    const onAsk = () => {
      setWanted(true);
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("hiveboard:search", onAsk);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("hiveboard:search", onAsk);
    };
  }, []);
  return wanted ? (
    <Suspense fallback={null}>
      <CommandPaletteDialog open={open} setOpen={setOpen} />
    </Suspense>
  ) : null;
}

/** The header's way to the palette, for pointer and touch. */
export function SearchButton() {
  return (
    <button
      type="button"
      onClick={() => window.dispatchEvent(new Event("hiveboard:search"))}
      className="flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 hover:text-slate-900"
    >
      Search
      <kbd className="hidden rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-600 sm:inline">
        ⌘K
      </kbd>
    </button>
  );
}

"use client";
import { useRef } from "react";

/**
 * The pipeline.yaml text area with line numbers in a gutter that scrolls with it, so an error
 * that names "line 12" is found at a glance. Lines with an error are marked in the gutter.
 */
export function YamlEditor({
  value,
  onChange,
  readOnly,
  errorLines = [],
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  errorLines?: number[];
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const count = Math.max(1, value.split("\n").length);
  const bad = new Set(errorLines);
  return (
    <div className="flex h-[32rem] overflow-hidden rounded-md bg-code font-mono text-xs leading-5 focus-within:outline-2 focus-within:outline-indigo-500">
      <div
        ref={gutter}
        aria-hidden
        data-testid="yaml-gutter"
        className="select-none overflow-hidden border-r border-white/10 py-3 pl-2 pr-2 text-right text-slate-400"
      >
        {Array.from({ length: count }, (_, i) => (
          <div key={i} className={bad.has(i + 1) ? "bg-red-500/30 text-red-200" : undefined}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        aria-label="pipeline.yaml"
        spellCheck={false}
        readOnly={readOnly}
        value={value}
        wrap="off"
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        className="h-full flex-1 resize-none bg-transparent p-3 text-code-text outline-none"
      />
    </div>
  );
}

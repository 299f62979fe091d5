"use client";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";

const NEXT = { system: "light", light: "dark", dark: "system" } as const;
const LABEL = { system: "System theme", light: "Light theme", dark: "Dark theme" } as const;
const ICON = { system: "◐", light: "☀", dark: "☾" } as const;
type Choice = keyof typeof NEXT;

/** One button that goes system → light → dark; the page follows the system until a choice is made. */
export function ThemeSwitch() {
  const { theme, setTheme } = useTheme();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // The server cannot know the stored choice: until mounted, the button shows the default.
  const current: Choice = mounted && theme && theme in NEXT ? (theme as Choice) : "system";
  return (
    <button
      type="button"
      data-testid="theme-switch"
      aria-label={`${LABEL[current]} (switch to ${LABEL[NEXT[current]].toLowerCase()})`}
      title={`${LABEL[current]} — click for ${LABEL[NEXT[current]].toLowerCase()}`}
      onClick={() => setTheme(NEXT[current])}
      className="rounded px-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <span aria-hidden>{ICON[current]}</span>
    </button>
  );
}

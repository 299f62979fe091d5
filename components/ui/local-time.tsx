"use client";
import { useInBrowser } from "./use-in-browser";

const FORMATS = {
  datetime: { dateStyle: "medium", timeStyle: "short" },
  date: { dateStyle: "medium" },
  time: { timeStyle: "medium" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A moment in the reader's own locale and time zone. The server cannot know them, so the first
 * render (server and hydration alike) shows UTC, and the browser's own form follows at once: the
 * same text on both sides, no hydration mismatch.
 */
export function LocalTime({
  iso,
  format = "datetime",
  className,
}: {
  iso: string | Date;
  format?: keyof typeof FORMATS;
  className?: string;
}) {
  const inBrowser = useInBrowser();
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const text = inBrowser
    ? new Intl.DateTimeFormat(undefined, FORMATS[format]).format(date)
    : new Intl.DateTimeFormat("en-GB", { ...FORMATS[format], timeZone: "UTC" }).format(date) +
      (format === "date" ? "" : " UTC");
  return (
    <time dateTime={date.toISOString()} className={className} title={date.toISOString()}>
      {text}
    </time>
  );
}

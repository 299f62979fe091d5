"use client";
import { useInBrowser } from "./use-in-browser";

/**
 * A number grouped in the reader's locale (1,234 / 1 234 / 1.234). The first render, on the server
 * and while hydrating, uses plain digits so both sides agree; the browser's form follows at once.
 */
export function LocalNumber({ value }: { value: number }) {
  const inBrowser = useInBrowser();
  return <>{inBrowser ? new Intl.NumberFormat().format(value) : String(value)}</>;
}

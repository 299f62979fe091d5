"use client";
import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False on the server and while hydrating, true right after: for what only the browser knows
 * (locale, time zone, clock), rendered without a hydration mismatch.
 */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

"use client";
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { useInBrowser } from "./use-in-browser";

/**
 * A component kept out of a page's first-load JavaScript: nothing on the server or while
 * hydrating, then its chunk is fetched and it renders. For what a page does not show at first
 * (dialogs, drawers, background listeners), or what is heavy and can come a moment later (charts).
 */
export function afterLoad<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** What holds its place until then (e.g. a box of the same height, so nothing moves). */
  placeholder: ReactNode = null,
): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  return function AfterLoad(props: P) {
    return useInBrowser() ? (
      <Suspense fallback={placeholder}>
        <Lazy {...props} />
      </Suspense>
    ) : (
      placeholder
    );
  };
}

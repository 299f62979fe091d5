"use client";
import { lazy, Suspense, type ComponentType } from "react";
import { useInBrowser } from "./use-in-browser";

/**
 * A component kept out of a page's first-load JavaScript: nothing on the server or while
 * hydrating, then its chunk is fetched and it renders. For what a page does not show at first
 * (dialogs, drawers, background listeners).
 */
export function afterLoad<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  return function AfterLoad(props: P) {
    return useInBrowser() ? (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    ) : null;
  };
}

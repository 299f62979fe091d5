// Interaction to next paint as Chromium measures it (Event Timing API): each interaction's longest
// event entry, from input to the next paint after its handlers. INP is the worst of them when a
// page sees fewer than 50 interactions.
import type { Page } from "@playwright/test";

/** Starts recording this page's interactions from now on. */
export async function recordInteractions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const byInteraction = new Map<number, number>();
    (window as unknown as { __inp: Map<number, number> }).__inp = byInteraction;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId: number })[])
        if (e.interactionId)
          byInteraction.set(
            e.interactionId,
            Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration),
          );
    }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
  });
}

/**
 * Each recorded interaction's duration (ms); waits two frames so the last entries are in.
 * Chromium reports only events of 16 ms or more: an interaction missing here took less.
 */
export async function readInteractions(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            setTimeout(
              () =>
                resolve([...(window as unknown as { __inp: Map<number, number> }).__inp.values()]),
              200,
            ),
          ),
        ),
      ),
  );
}

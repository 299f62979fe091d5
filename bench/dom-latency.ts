// Fan-out latency as a watching page sees it: each agent line carries the wall-clock time it was
// written (`hb-ts=<ms>`, bench/emit-lines.mjs); the page records, once per line, how long after
// that it appeared in the DOM. Installed before the page loads, so no line slips by unseen (a
// virtualized transcript drops rows that scroll out of view).
import type { Page } from "@playwright/test";

export async function observeLines(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = new Map<string, number>();
    (window as unknown as { __lat: Map<string, number> }).__lat = seen;
    new MutationObserver(() => {
      const now = Date.now();
      for (const el of document.querySelectorAll("[data-seq]"))
        for (const m of (el.textContent ?? "").matchAll(/hb-ts=(\d+)/g))
          if (!seen.has(m[1])) seen.set(m[1], now - Number(m[1]));
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * The latencies (ms) recorded on this page of the lines written at or after `since` (epoch ms):
 * lines written before the page was watching arrive as history, not as fan-out.
 */
export function linesSeen(page: Page, since = 0): Promise<number[]> {
  return page.evaluate(
    (from) =>
      [...((window as unknown as { __lat?: Map<string, number> }).__lat?.entries() ?? [])]
        .filter(([stamp]) => Number(stamp) >= from)
        .map(([, latency]) => latency),
    since,
  );
}

import { expect, test as base } from "@playwright/test";

/**
 * Playwright's `test`, plus one habit: every browser context a test opens (helpers' signedIn and
 * openBoard make their own) is closed when the test ends. The worker's browser lives for the
 * whole suite; left open, each test's pages stayed live on their sockets and the server pushed to
 * forty idle boards by the end of a run.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      const opened = browser.contexts().filter((context) => !before.has(context));
      await Promise.all(opened.map((context) => context.close().catch(() => undefined)));
    },
    { auto: true },
  ],
});

export { expect };

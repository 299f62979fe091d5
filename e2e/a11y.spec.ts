import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { signedIn, type Who } from "./helpers";

/**
 * Every serious or critical WCAG 2.1 A/AA violation on the page, one readable line each. With
 * `contrastOnly`, only colour contrast: the one rule a theme can change.
 */
async function seriousViolations(page: Page, contrastOnly = false): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const { violations } = await (
    contrastOnly
      ? axe.withRules(["color-contrast"])
      : axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
  ).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

async function pages(page: Page): Promise<[string, string][]> {
  const runs = await (await page.request.get("/api/v1/runs?limit=1")).json();
  const patterns = await (await page.request.get("/api/v1/patterns")).json();
  const run = runs.runs[0];
  const pattern = patterns.patterns[0];
  const board = await (await page.request.get("/api/v1/projects/demo/board")).json();
  return [
    ["board", "/projects/demo/board"],
    ["epic drawer", `/projects/demo/board?epic=${board.cards[0].id}`],
    ["runs list", "/projects/demo/runs"],
    ["run", `/runs/${run.id}`],
    ["pipeline", "/projects/demo/pipeline"],
    ["project settings", "/projects/demo/settings"],
    ["new project", "/projects/new"],
    ["decisions", "/decisions"],
    ["patterns", "/patterns"],
    ["pattern", `/patterns/${pattern.id}`],
    ["new pattern", "/patterns/new"],
    ["metrics", "/metrics"],
    ["agents", "/agents"],
    ["admin", "/admin"],
    ["audit", "/admin/audit"],
    ["API docs", "/api-docs"],
    ["help", "/help"],
  ];
}

// Every page as the admin. In the dark theme (one palette, so its pages share their colours) the
// contrast of every kind of page but the two long lists; as a developer, the pages whose controls
// differ by role.
const SOME: Record<string, Set<string> | null> = {
  "admin light": null,
  "admin dark": new Set([
    "board",
    "epic drawer",
    "run",
    "decisions",
    "metrics",
    "project settings",
    "pattern",
    "admin",
  ]),
  "developer light": new Set(["board", "epic drawer", "run"]),
};
for (const [who, scheme] of [
  ["admin", "light"],
  ["admin", "dark"],
  ["developer", "light"],
] as [Who, "light" | "dark"][]) {
  test(`accessibility: no serious or critical axe violation on any page (${who}, ${scheme})`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const page = await signedIn(browser, who);
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const [name, url] of await pages(page)) {
      const only = SOME[`${who} ${scheme}`];
      if (only && !only.has(name)) continue;
      await page.goto(url);
      await expect(page.locator("header").first()).toBeVisible();
      for (const v of await seriousViolations(page, scheme === "dark"))
        found.push(`${name} (${url}): ${v}`);
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("accessibility: the signed-out pages have no serious or critical axe violation", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: undefined })).newPage();
  for (const url of ["/sign-in", "/help"]) {
    await page.goto(url);
    await expect(page.locator("main, form").first()).toBeVisible();
    expect(await seriousViolations(page), url).toEqual([]);
  }
});

import { expect, type Browser, type Page } from "@playwright/test";

export type Who = "admin" | "manager" | "developer" | "approver" | "viewer";
export const PASSWORD = "correct horse battery staple";
export const stateOf = (who: Who) => `e2e/.auth/${who}.json`;

/** A browser signed in as `who` (their session saved by auth.setup.ts). */
export async function signedIn(browser: Browser, who: Who = "admin"): Promise<Page> {
  return (
    await browser.newContext({ viewport: { width: 1600, height: 900 }, storageState: stateOf(who) })
  ).newPage();
}

export async function openBoard(
  browser: Browser,
  slug = "demo",
  who: Who = "admin",
): Promise<Page> {
  const page = await signedIn(browser, who);
  await page.goto(`/projects/${slug}/board`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  return page;
}

export const lane = (page: Page, key: string) =>
  page.locator(`[data-testid=lane][data-lane=${key}]`);
export const card = (page: Page, title: string) =>
  page.getByTestId("epic-card").filter({ hasText: title });

/**
 * Drags a card onto a lane with the mouse, in small steps as a hand would. It grabs the card by
 * its title: its buttons (Start, Watch) deliberately do not start a drag.
 */
export async function dragCard(page: Page, title: string, toLane: string) {
  // A drawer still closing keeps the page inert to the pointer: wait until it has gone.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const from = await card(page, title).getByText(title, { exact: true }).boundingBox();
  const to = await lane(page, toLane).boundingBox();
  if (!from || !to) throw new Error("card or lane not on screen");
  await page.mouse.move(from.x + 8, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 18, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 12 });
  await page.mouse.up();
}

export async function boardCards(
  page: Page,
  slug = "demo",
): Promise<{ title: string; phase: string; skippedPhase: string | null }[]> {
  const res = await page.request.get(`/api/v1/projects/${slug}/board`);
  return (await res.json()).cards;
}

export async function createEpic(page: Page, title: string) {
  await page.getByRole("button", { name: "New epic" }).click();
  const form = page.getByRole("form", { name: "New epic" });
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Create epic" }).click();
  await expect(page.getByTestId("epic-detail")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(card(page, title)).toBeVisible();
}

/** The turn number a locator shows as "Turn N/M". */
export async function turnOf(locator: ReturnType<Page["locator"]>): Promise<number> {
  const text = (await locator.textContent()) ?? "";
  return Number(/Turn (\d+)/.exec(text)?.[1] ?? -1);
}

/** A project made through the REST API with the page's cookie (same-origin, as the rules ask). */
export async function createProject(
  page: Page,
  baseURL: string,
  data: { name: string; slug: string; repo: string },
) {
  const made = await page.request.post("/api/v1/projects", {
    headers: { origin: new URL(baseURL).origin },
    data: { ...data, defaultBranch: "main" },
  });
  expect(made.status()).toBe(201);
}

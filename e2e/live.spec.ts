import { expect, test } from "./fixtures";
import { card, lane, openBoard } from "./helpers";

test("a browser that loses its connection catches up on what it missed", async ({ browser }) => {
  const a = await openBoard(browser);
  const b = await openBoard(browser);
  const offline = `Made while B was offline ${Date.now()}`;

  await b.context().setOffline(true);
  await expect(b.getByTestId("live-indicator")).toHaveAttribute("data-state", "offline", {
    timeout: 30_000,
  });

  // A works while B is away: a new epic, and a move of a seeded one.
  await a.getByRole("button", { name: "New epic" }).click();
  await a.getByRole("form", { name: "New epic" }).getByLabel("Title").fill(offline);
  await a
    .getByRole("form", { name: "New epic" })
    .getByRole("button", { name: "Create epic" })
    .click();
  await expect(a.getByTestId("epic-detail")).toBeVisible();
  await a.getByTestId("epic-detail").getByLabel("Move to lane").selectOption("BUILDER");
  await a.getByRole("alertdialog").getByRole("button", { name: "Move to Builder" }).click();
  await expect(lane(a, "BUILDER").getByText(offline)).toBeVisible();
  await expect(card(b, offline)).toHaveCount(0);

  await b.context().setOffline(false);
  await expect(b.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", {
    timeout: 30_000,
  });
  await expect(lane(b, "BUILDER").getByText(offline)).toBeVisible();
  await expect(card(b, offline)).toHaveCount(1);
});

test("a board of 1,000 epics renders only what is on screen and scrolls to the rest", async ({
  browser,
}) => {
  const page = await openBoard(browser, "large");
  const counts = await page.locator(".lane-count").allTextContents();
  expect(counts.map(Number).reduce((x, y) => x + y, 0)).toBe(1000);
  const rendered = await page.getByTestId("epic-card").count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(150);
  expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBeLessThan(1400);

  // The last card of the first lane is reachable by scrolling.
  const first = lane(page, "ANALYZER");
  await first.locator(".overflow-y-auto").evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(first.getByText("Epic 997: Add search", { exact: true })).toBeVisible();
});

test("a run of 10,000 events loads completely and keeps the page light", async ({ browser }) => {
  const page = await openBoard(browser, "large");
  const board = await (await page.request.get("/api/v1/projects/large/board")).json();
  const first = board.cards.find((c: { number: number }) => c.number === 1);
  const epic = await (await page.request.get(`/api/v1/epics/${first.id}`)).json();
  await page.goto(`/runs/${epic.runs[0].id}`);
  const transcript = page.getByTestId("transcript");
  await expect(transcript).toHaveAttribute("data-count", "10000", { timeout: 30_000 });
  await expect(transcript).toHaveAttribute("data-last-seq", "10000");
  expect(await page.evaluate(() => document.querySelectorAll("[data-seq]").length)).toBeLessThan(
    120,
  );
  await transcript.evaluate((el) => el.scrollTo(0, 0));
  await expect(transcript.locator('[data-seq="1"]')).toContainText("Turn 1");
});

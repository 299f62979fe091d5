import { expect, test } from "./fixtures";
import { card, createProject, openBoard, PASSWORD, signedIn } from "./helpers";

test("⌘K searches every project and opens what it finds, by keyboard", async ({ browser }) => {
  const page = await openBoard(browser);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Search Hiveboard" });
  await palette.getByRole("combobox").fill("billing service");
  const hit = palette.getByRole("option", { name: /Split the billing service/ }).first();
  await expect(hit).toBeVisible();
  await palette.getByRole("combobox").press("Enter");
  await expect(page).toHaveURL(/\/projects\/demo\/board\?epic=/);
  await expect(page.getByRole("dialog", { name: /Split the billing service/ })).toBeVisible();
  // Nothing found is said so; Escape closes.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Search/ }).click();
  await palette.getByRole("combobox").fill("no such thing anywhere");
  await expect(palette.getByText("Nothing found for “no such thing anywhere”.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
});

test("admin: invites show who used them and can be revoked; a person is deactivated and comes back", async ({
  browser,
}) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin");
  const rows = admin.getByTestId("invite-row");
  const before = await rows.count();
  // Two invites in a row: the list shows both at once (it once lagged one behind).
  for (let i = 1; i <= 2; i++) {
    await admin.getByLabel("Role for the invite").selectOption("viewer");
    await admin.getByRole("button", { name: "Create invite link" }).click();
    await expect(rows).toHaveCount(before + i);
  }
  const link = (await admin.getByTestId("secret").textContent())!.trim();
  // The older of the two is revoked: it stops working.
  await rows.nth(1).getByRole("button", { name: "Revoke" }).click();
  await expect(rows.nth(1)).toContainText("revoked");

  // The newer one is used: the list says by whom.
  const temp = await (await browser.newContext()).newPage();
  await temp.goto(link);
  const email = `temp-${Date.now()}@example.com`;
  await temp.getByLabel("Your name").fill("Tess Temporary");
  await temp.getByLabel("Email").fill(email);
  await temp.getByLabel("Password").fill(PASSWORD);
  await temp.getByRole("button", { name: "Create my account" }).click();
  await expect(temp).toHaveURL(/\/projects\/demo\/board$/);
  await admin.reload();
  await expect(rows.first()).toContainText("used by Tess Temporary");

  // Deactivated: asked first, then signed out at once and refused at sign-in.
  const person = admin.getByTestId("user-row").filter({ hasText: "Tess Temporary" });
  await person.getByRole("button", { name: "Deactivate" }).click();
  await admin
    .getByRole("alertdialog", { name: "Deactivate Tess Temporary?" })
    .getByRole("button", { name: "Deactivate" })
    .click();
  await expect(person).toContainText("deactivated");
  await temp.reload();
  await expect(temp).toHaveURL(/\/sign-in/);
  await temp.getByLabel("Email").fill(email);
  await temp.getByLabel("Password").fill(PASSWORD);
  await temp.getByRole("button", { name: "Sign in" }).click();
  await expect(temp.getByText("This account is deactivated")).toBeVisible();

  await person.getByRole("button", { name: "Reactivate" }).click();
  await expect(person).not.toContainText("deactivated");
  await temp.getByRole("button", { name: "Sign in" }).click();
  await expect(temp).toHaveURL(/\/projects\/demo\/board$/);
});

test("the theme follows the system, and the switch keeps a choice across pages", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: "e2e/.auth/admin.json",
    colorScheme: "dark",
  });
  const page = await context.newPage();
  await page.goto("/decisions");
  await expect(page.locator("html")).toHaveClass(/dark/);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe("rgb(11, 18, 32)");
  // System → light: light even though the system is dark, and still so on the next page.
  await page.getByTestId("theme-switch").click();
  await expect(page.locator("html")).toHaveClass(/light/);
  await page.goto("/patterns");
  await expect(page.locator("html")).toHaveClass(/light/);
  expect(await background()).not.toBe("rgb(11, 18, 32)");
  await expect(page.getByTestId("theme-switch")).toHaveAttribute("aria-label", /^Light theme/);
});

test("a new install's board: the demo agent is marked, the first steps are listed and can be hidden", async ({
  browser,
  baseURL,
}) => {
  // A project of its own: nothing has run or been answered in it yet.
  const admin = await signedIn(browser, "admin");
  const slug = `first-${Date.now().toString(36)}`;
  await createProject(admin, baseURL!, { name: "First steps", slug, repo: "" });
  const page = await openBoard(browser, slug);
  // Claude Code is not installed here: the demo agent stands in, and the board says so.
  await expect(page.getByTestId("demo-notice")).toContainText("Demo agent — simulated runs");
  const steps = page.getByTestId("first-run");
  await expect(steps.getByRole("heading", { name: "Getting started" })).toBeVisible();
  // People were invited by the set-up: that step is ticked from what happened.
  await expect(page.getByTestId("first-run-invite")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("first-run-run")).toHaveAttribute("data-done", "false");
  await steps.getByRole("button", { name: "Hide these steps" }).click();
  await expect(steps).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("demo-notice")).toBeVisible();
  await expect(page.getByTestId("first-run")).toHaveCount(0);
});

test("on a phone: a way back to the board everywhere, todo rows that fit, a run title nothing covers", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: "e2e/.auth/developer.json",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto("/decisions");
  await page.getByRole("link", { name: "Board", exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/board$/);

  await card(page, "Sign in with magic links").getByTestId("card-title").click();
  const todo = page.getByTestId("epic-detail").getByTestId("todo").first();
  await expect(todo).toBeVisible();
  const box = (await todo.boundingBox())!;
  const remove = (await todo.getByRole("button", { name: /^Delete/ }).boundingBox())!;
  expect(remove.x + remove.width).toBeLessThanOrEqual(box.x + box.width + 1); // ✕ not clipped

  const { runs } = await (await page.request.get("/api/v1/runs?limit=1")).json();
  await page.goto(`/runs/${runs[0].id}`);
  const title = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
  const live = (await page.getByTestId("live-indicator").boundingBox())!;
  const overlap =
    live.x < title.x + title.width &&
    title.x < live.x + live.width &&
    live.y < title.y + title.height &&
    title.y < live.y + live.height;
  expect(overlap).toBe(false);
});

test("a live run's page loads without a hydration error, its waiting state in one wording", async ({
  browser,
}) => {
  const page = await openBoard(browser, "demo", "developer");
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|did not match/i.test(m.text()))
      problems.push(m.text());
  });
  await card(page, "Sign in with magic links")
    .getByRole("button", { name: /^▶ Start/ })
    .click();
  await card(page, "Sign in with magic links")
    .getByRole("link", { name: /^Watch/ })
    .click();
  await expect(page).toHaveURL(/\/runs\//);
  // The demo agent asks before it edits: the run waits, and says so the same way everywhere.
  await expect(page.locator(".run-status")).toHaveText("Waiting for a decision", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("run-action")).toHaveText(/^Waiting for a decision: /);
  await page.reload();
  await expect(page.locator(".run-status")).toHaveText("Waiting for a decision");
  await expect(page.getByTestId("run-decisions")).toContainText("1 decision waiting on this run");
  expect(problems).toEqual([]);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.locator(".run-status")).toHaveText(/Stopped|Completed|Failed/, {
    timeout: 30_000,
  });
});

import { expect, test } from "./fixtures";
import { card, openBoard } from "./helpers";

test("patterns: create one, find it, and see a run use it", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openBoard(browser);
  const name = `Retry with backoff ${Date.now().toString(36)}`;
  await page.goto("/patterns/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Retry flaky remote calls, waiting longer each time.");
  await page.getByLabel("When to use").fill("Remote APIs that time out now and then");
  await page
    .getByLabel("Implementation")
    .fill("```ts\nfor (let i = 0; i < 5; i++) await sleep(2 ** i * 100);\n```");
  await page.getByLabel("Tags").fill("Bad Tag!");
  await page.getByRole("button", { name: "Add pattern" }).click();
  await expect(page.getByText("Tags are lower-case words or dashes")).toBeVisible();
  await page.getByLabel("Tags").fill("async, network");
  await page.getByRole("button", { name: "Add pattern" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.locator("code.hljs")).toBeVisible(); // highlighted code

  await page.goto("/patterns");
  await page.getByLabel("Search patterns").fill("flaky remote");
  await expect(page.getByTestId("pattern").filter({ hasText: name })).toBeVisible();
  await page.getByLabel("Search patterns").fill("graphql");
  await expect(page.getByText("Nothing matches.")).toBeVisible();

  // An epic whose requirements name the pattern: its run reports it, and the library counts it.
  await page.goto("/projects/demo/board");
  const title = `Patterned epic ${Date.now()}`;
  await page.getByRole("button", { name: "New epic" }).click();
  const form = page.getByRole("form", { name: "New epic" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Key requirements").fill(`Use PATTERN ${name}`);
  await form.getByRole("button", { name: "Create epic" }).click();
  await expect(page.getByTestId("epic-detail")).toContainText(`Use PATTERN ${name}`);
  await page.keyboard.press("Escape");
  await card(page, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  await card(page, title).getByRole("link", { name: "Watch (demo)" }).click();
  const approval = page.getByTestId("run-decisions").getByTestId("decision");
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(page.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });

  await page.goto("/patterns");
  await page.getByLabel("Search patterns").fill(name);
  await expect(page.getByTestId("pattern").filter({ hasText: name })).toContainText("used 1×");
  await page.getByTestId("pattern").filter({ hasText: name }).click();
  await expect(page.getByTestId("pattern-uses")).toContainText(`${title} · ANALYZER`);

  // Picked at start: the agent is told to follow it, and the library counts the use at once.
  await page.goto("/projects/demo/board");
  await card(page, title).click();
  await page
    .getByTestId("epic-detail")
    .getByRole("button", { name: "Start with patterns…" })
    .click();
  const picker = page.getByRole("dialog", { name: /Start [A-Z]+ with patterns/ });
  await picker.getByLabel("Search patterns").fill(name);
  await picker.getByRole("checkbox").first().check();
  await picker.getByRole("button", { name: /▶ Start [A-Z]+ with 1 pattern/ }).click();
  await expect(page.getByTestId("run-list").getByRole("link")).toHaveCount(2);
  await page.getByTestId("run-list").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/runs\//);
  const runId = page.url().split("/runs/")[1];
  const { events } = await (
    await page.request.get(`/api/v1/runs/${runId}/events?after=0&limit=5`)
  ).json();
  expect(events.find((e: { kind: string }) => e.kind === "prompt").data.text).toContain(
    `## Patterns to follow (picked from the pattern library)\n\n### ${name}`,
  );
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(page.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });
  await page.goto(`/patterns?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("pattern").filter({ hasText: name })).toContainText("used 2×");
});

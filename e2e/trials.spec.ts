import { expect, test } from "./fixtures";
import { card, createEpic, lane, openBoard } from "./helpers";

test("try a phase with two agents at once, compare them side by side, and continue with one", async ({
  browser,
}) => {
  const page = await openBoard(browser);
  const title = `Two agents ${Date.now()}`;
  await createEpic(page, title);
  await card(page, title).getByText(title, { exact: true }).click();
  await page.getByRole("button", { name: "Try with several agents…" }).click();
  const dialog = page.getByRole("dialog", { name: "Try ANALYZER with several agents" });
  await dialog.getByLabel("Demo agent", { exact: true }).check();
  await dialog.getByLabel("Demo agent (ACP)").check();
  await dialog.getByLabel("Model for Demo agent (ACP)").fill("demo-large");
  await dialog.getByRole("button", { name: "▶ Start 2 tries" }).click();
  await expect(page).toHaveURL(/\/trials\//);
  const trialUrl = page.url();
  await expect(page.getByRole("heading", { name: "ANALYZER, tried by 2 agents" })).toBeVisible();
  const heads = page.getByTestId("trial-try");
  await expect(heads).toHaveText(["Demo agent", "Demo agent (ACP) · demo-large"]);

  // Each agent asks before it runs the tests: allowed on its own run page.
  for (const [name, question] of [
    ["Demo agent", "Allow running npm test?"],
    ["Demo agent (ACP) · demo-large", "Allow run npm test?"],
  ]) {
    await page.goto(trialUrl);
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByText("one of several agents tried · compare")).toBeVisible();
    const approval = page.getByTestId("run-decisions").getByTestId("decision");
    await expect(approval).toContainText(question);
    await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
    await approval.getByRole("button", { name: "Send answer" }).click();
    await expect(page.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });
  }

  // Side by side: both passed their gate; the ACP agent wrote one file and reported its cost.
  await page.getByText("one of several agents tried · compare").click();
  await expect(page.getByTestId("trial-state")).toContainText("Every try has ended");
  const cells = (row: string) => page.locator(`[data-row="${row}"]`);
  await expect(cells("Gate")).toHaveText(["✓ passed (2/2)", "✓ passed (2/2)"]);
  await expect(cells("Cost").nth(1)).toHaveText("$0.0123");
  await expect(cells("Files changed").nth(1)).toHaveText("1");
  await expect(cells("Branch").nth(1)).toContainText("hiveboard/epic-");

  await page.getByRole("button", { name: "Continue with Demo agent (ACP) · demo-large" }).click();
  await expect(page.getByText("Continued: the card moved to BUILDER")).toBeVisible();
  await expect(page.getByTestId("trial-state")).toContainText(
    "the epic went on with Demo agent (ACP) · demo-large",
  );
  await expect(page.getByRole("button", { name: /^Continue with/ })).toHaveCount(0);

  // The board follows: the card is in BUILDER, on the chosen agent's branch.
  await page.goto("/projects/demo/board");
  await expect(lane(page, "BUILDER").getByText(title)).toBeVisible();
  await card(page, title).getByText(title, { exact: true }).click();
  await expect(page.getByText(/⎇ hiveboard\/epic-\d+-two-agents-\d+--demo-acp-/)).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Compare the agents that tried ANALYZER →" }),
  ).toBeVisible();
  // The epic's whole branch against main: the chosen try's file.
  const branch = page.getByTestId("diff-details");
  await branch.getByText("The branch's changes against the default branch").click();
  await expect(branch.getByTestId("diff-file-row")).toContainText(["notes/acp-demo.md"]);

  // Metrics compare the agents per phase.
  await page.goto("/metrics?project=demo");
  await expect(page.locator("[data-testid=agent-table] tr[data-agent=demo-acp]")).toContainText(
    "demo-large",
  );
});

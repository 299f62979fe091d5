import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { card, createEpic, openBoard } from "./helpers";

// The demo project's repository, as the e2e server seeded it (playwright.config.ts: data/e2e).
const DEMO_REPO = path.resolve("data/e2e/demo-repo");

/** Starts the card's phase, opens its run, allows the tests, and waits for the end. */
async function runToTheEnd(page: Page, title: string) {
  await card(page, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  await card(page, title).getByRole("link", { name: "Watch (demo)" }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await allowAndFinish(page);
}

async function allowAndFinish(page: Page) {
  const approval = page.getByTestId("run-decisions").getByTestId("decision");
  await expect(approval).toContainText("Allow running npm test?", { timeout: 30_000 });
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(page.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });
}

test("comment on two lines of a run's diff, send them, and see a follow-up run address them", async ({
  browser,
}) => {
  const page = await openBoard(browser, "demo", "manager");
  const title = `Review lines ${Date.now()}`;
  await createEpic(page, title);
  await runToTheEnd(page, title);

  const changes = page.getByTestId("diff-details");
  await changes.getByText("What this run changed").click();
  const file = (await changes.getByTestId("diff-file-row").first().locator("a").textContent())!;
  for (const [line, words] of [
    [1, "Make this title say what the step does"],
    [3, "Past tense, please"],
  ] as const) {
    await changes.getByRole("button", { name: `Comment on ${file} line ${line}` }).click();
    await page.getByRole("textbox", { name: `Comment on ${file} line ${line}` }).fill(words);
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect(changes.getByTestId("line-comment").filter({ hasText: words })).toHaveAttribute(
      "data-status",
      "draft",
    );
  }
  await expect(page.getByTestId("draft-count")).toHaveText("2");

  await page.getByRole("button", { name: "Send 2 comments to the agent" }).click();
  await page.getByRole("button", { name: "Open the run" }).click();
  await expect(page.getByText("Review comments on your work (2)").first()).toBeVisible();
  await allowAndFinish(page);

  // The follow-up changed both lines: its diff shows them, and both comments read addressed.
  const sent = page.getByTestId("sent-comment");
  await expect(sent).toHaveCount(2);
  for (const c of await sent.all()) await expect(c).toHaveAttribute("data-status", "addressed");
  await expect(page.getByText("2 comments sent · 2 addressed")).toBeVisible();
  await page.getByTestId("diff-details").getByText("What this run changed").click();
  await expect(page.getByTestId("diff-details")).toContainText(
    "(revised: Make this title say what the step does)",
  );
});

const cleanups: (() => void)[] = [];
test.afterEach(() => {
  for (const undo of cleanups.splice(0)) undo();
});

test("merge with a conflict, resolve it by a run, and merge again", async ({ browser }) => {
  const page = await openBoard(browser, "demo", "manager");
  const title = `Merge conflict ${Date.now()}`;
  await createEpic(page, title);
  await runToTheEnd(page, title);

  // Meanwhile someone commits the same file on main.
  const changes = page.getByTestId("diff-details");
  await changes.getByText("What this run changed").click();
  const file = (await changes.getByTestId("diff-file-row").first().locator("a").textContent())!;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=E2E", "-c", "user.email=e2e@localhost", ...args], {
      cwd: DEMO_REPO,
      encoding: "utf8",
    });
  const before = git("rev-parse", "main").trim();
  // Later tests start their epics from main as it was: it goes back when this test ends.
  cleanups.push(() => git("reset", "-q", "--hard", before));
  mkdirSync(path.dirname(path.join(DEMO_REPO, file)), { recursive: true });
  writeFileSync(path.join(DEMO_REPO, file), "# Written on main meanwhile\n");
  git("add", file);
  git("commit", "-q", "-m", `Main writes ${file}`);

  await page.goto("/projects/demo/board");
  await card(page, title).getByText(title, { exact: true }).click();
  const panel = page.getByTestId("merge-panel");
  await panel.getByText("Merge into the default branch").click();
  await expect(panel.getByTestId("merge-summary")).toContainText("1 file conflict:");
  await expect(panel.getByRole("list", { name: "Conflicting files" })).toHaveText(file);

  await panel.getByRole("button", { name: "Resolve conflicts" }).click();
  await page.getByRole("button", { name: "Watch it" }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByText("Resolve the merge conflicts").first()).toBeVisible();
  await allowAndFinish(page);

  await page.goto("/projects/demo/board");
  await card(page, title).getByText(title, { exact: true }).click();
  await panel.getByText("Merge into the default branch").click();
  await expect(panel.getByTestId("merge-summary")).toContainText("It merges cleanly.");
  await panel.getByRole("button", { name: "Merge into main" }).click();
  await expect(page.getByText(/Merged into main \([0-9a-f]{8}\)/)).toBeVisible();
  const merged = execFileSync("git", ["show", `main:${file}`], {
    cwd: DEMO_REPO,
    encoding: "utf8",
  });
  expect(merged).toContain("# Written on main meanwhile");
  expect(merged).not.toMatch(/^(<<<<<<<|>>>>>>>)/m);
});

test("a 10,000-line change draws only what is near the screen, and scrolls to its last line", async ({
  browser,
}) => {
  const page = await openBoard(browser, "demo", "manager");
  const title = `Large diff ${Date.now()}`;
  await createEpic(page, title);
  await runToTheEnd(page, title);
  const found = await (
    await page.request.get(`/api/v1/epics?project=demo&q=${encodeURIComponent(title)}`)
  ).json();
  const detail = await (await page.request.get(`/api/v1/epics/${found.epics[0].id}`)).json();
  const lines = Array.from(
    { length: 10_000 },
    (_, i) => `export const value${i + 1} = ${i + 1}; // line ${i + 1}`,
  );
  writeFileSync(path.join(detail.worktreePath, "big.ts"), `${lines.join("\n")}\n`);

  await page.goto("/projects/demo/board");
  await card(page, title).getByText(title, { exact: true }).click();
  const branch = page.getByTestId("diff-details");
  await branch.getByText("The branch's changes against the default branch").click();
  await expect(branch.getByTestId("diff-file-row").filter({ hasText: "big.ts" })).toContainText(
    "+10000 −0",
  );
  const chunks = branch.locator("[aria-label='Changes in big.ts'] [data-testid=diff-chunk]");
  await expect(chunks).toHaveCount(25);
  await expect(chunks.first()).toHaveAttribute("data-drawn", "true");
  const drawn = () => branch.locator("[aria-label='Changes in big.ts'] tr.diff-line").count();
  expect(await drawn()).toBeLessThan(2000);
  await chunks.last().scrollIntoViewIfNeeded();
  await expect(chunks.last()).toHaveAttribute("data-drawn", "true");
  await expect(branch.getByText("// line 10000", { exact: false })).toBeVisible();
  await expect(chunks.first()).toHaveAttribute("data-drawn", "false");
  expect(await drawn()).toBeLessThan(2000);
});

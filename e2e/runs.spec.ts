import { expect, test } from "./fixtures";
import { card, createEpic, openBoard, turnOf } from "./helpers";

test("start a phase, watch it live in two browsers, steer it, and lose no event to a network cut", async ({
  browser,
}) => {
  const a = await openBoard(browser);
  const b = await openBoard(browser);
  const title = `Live run ${Date.now()}`;
  await createEpic(a, title);

  // A presses Start; B's board shows the turn counter advancing.
  await card(a, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  const bTurns = card(b, title).locator(".card-turns");
  await expect(bTurns).toHaveText(/Turn [1-9]\d*\/30/);
  const firstSeen = await turnOf(bTurns);
  await expect.poll(() => turnOf(bTurns)).toBeGreaterThan(firstSeen);
  await expect(card(b, title).getByTestId("card-run")).toContainText(
    /Reading|Editing|Updating|Starting|Using|Running|Waiting for a decision/,
  );

  // B opens the run page: the same counter, live.
  await card(b, title).getByRole("link", { name: "Watch (demo)" }).click();
  await expect(b).toHaveURL(/\/runs\//);
  const runTurns = b.getByTestId("run-turns");
  await expect(runTurns).toHaveText(/Turn \d+\/30/);
  await expect(b.getByText("Demo agent", { exact: true })).toBeVisible();

  // Feedback: its receipt goes queued → delivered → acted on.
  await b.getByLabel("Feedback for the agent").fill("Please keep the CSV columns in card order");
  await b.getByRole("button", { name: "Send", exact: true }).click();
  const receipt = b
    .getByTestId("receipt")
    .filter({ hasText: "Please keep the CSV columns in card order" });
  await expect(receipt).toBeVisible();

  // Cut B's network mid-run, then restore it.
  await b.context().setOffline(true);
  await expect(b.getByTestId("live-indicator")).toHaveAttribute("data-state", "offline", {
    timeout: 30_000,
  });
  await a.waitForTimeout(1200); // the agent keeps working meanwhile
  await b.context().setOffline(false);
  await expect(b.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", {
    timeout: 30_000,
  });

  // The agent asks to run the tests; B allows it and the run goes on to the end.
  const approval = b.getByTestId("run-decisions").getByTestId("decision");
  await expect(approval).toContainText("Allow running npm test?");
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(receipt).toHaveAttribute("data-status", "acknowledged", { timeout: 30_000 });
  await expect(b.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });

  // Every event once, in order: the page holds exactly seq 1..N, as stored.
  const runId = b.url().split("/runs/")[1];
  const stored = await (await b.request.get(`/api/v1/runs/${runId}/events?limit=1000`)).json();
  const transcript = b.getByTestId("transcript");
  await expect(transcript).toHaveAttribute("data-last-seq", String(stored.lastSeq));
  await expect(transcript).toHaveAttribute("data-count", String(stored.events.length));
  expect(stored.events.map((e: { seq: number }) => e.seq)).toEqual(
    stored.events.map((_: unknown, i: number) => i + 1),
  );
  await expect(transcript).toContainText("Done: ");

  // What the run changed: its checkpoint's diff, unified then split.
  const changes = b.getByTestId("diff-details");
  await changes.getByText("What this run changed").click();
  const row = changes.getByTestId("diff-file-row").first();
  await expect(row).toContainText(/notes\/.+ \+\d+ −0/);
  await expect(changes.locator(".diff-code-insert").first()).toBeVisible();
  await changes.getByRole("button", { name: "Split" }).click();
  await expect(changes.locator("table.diff-split").first()).toBeVisible();

  // Back on A's board the card moved to the next lane. Its progress is the new phase's (nothing
  // planned yet); the drawer keeps ANALYZER's four todos, done by the agent, under their phase.
  await expect(a.locator("[data-testid=lane][data-lane=BUILDER]").getByText(title)).toBeVisible();
  await expect(card(a, title).locator(".todo-progress")).toHaveCount(0);
  await card(a, title).getByText(title, { exact: true }).click();
  await expect(a.locator("[data-testid=todo-group][data-phase=ANALYZER]")).toContainText("4/4");
});

test("sending an empty message shows what to fix and sends nothing", async ({ browser }) => {
  const a = await openBoard(browser);
  const title = `Quiet run ${Date.now()}`;
  await createEpic(a, title);
  await card(a, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  await card(a, title).getByRole("link", { name: "Watch (demo)" }).click();
  await a.getByRole("button", { name: "Send", exact: true }).click();
  await expect(a.getByText("Write a message first")).toBeVisible();
  await expect(a.getByTestId("receipt")).toHaveCount(0);
  await a.getByRole("button", { name: "Kill" }).click();
  await expect(a.locator(".run-status")).toHaveText("Stopped");
});

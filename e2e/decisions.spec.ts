import { expect, test } from "./fixtures";
import { card, createEpic, lane, openBoard, signedIn, turnOf } from "./helpers";

test("a manager watches the board while an approver answers from the inbox; the run waits, then goes on", async ({
  browser,
}) => {
  const manager = await openBoard(browser, "demo", "manager");
  const title = `Session storage needs a decision ${Date.now()}`;
  await createEpic(manager, title);
  await card(manager, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();

  // The agent asks (a DECISION NEEDED line): the card gets its badge, the header its count.
  const badge = card(manager, title).getByTestId("card-decisions");
  await expect(badge).toHaveText("⚑ 1 decision needed", { timeout: 30_000 });
  await expect(card(manager, title)).toContainText("Decision needed");
  await expect(manager.getByTestId("board-decisions")).toContainText(/[1-9]\d* decisions? waiting/);
  const waitingAt = await turnOf(card(manager, title).locator(".card-turns"));

  // The approver's inbox, by keyboard: the decision is there with its recommendation.
  const approver = await signedIn(browser, "approver");
  await approver.goto("/decisions");
  const decision = approver
    .getByTestId("decision")
    .filter({ hasText: "Store magic-link sessions as JWTs or as server sessions?" });
  await expect(decision).toContainText("Recommended: Server sessions — revocation is immediate");
  await expect(decision).toContainText("Impact: decides whether a sign-out takes effect at once");
  const open = await approver
    .getByTestId("decision")
    .filter({ has: approver.locator("[role=radiogroup]") })
    .count();
  for (let i = 0; i < open; i++) {
    if (
      (await approver.getByTestId("decision").nth(i).getAttribute("data-decision-id")) ===
      (await decision.getAttribute("data-decision-id"))
    )
      break;
    await approver.keyboard.press("j");
  }
  await approver.keyboard.press("2");
  await expect(decision.getByRole("radio", { name: /Server sessions/ })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await approver.keyboard.press("Enter");
  await expect(
    approver.getByTestId("decision-outcome").filter({ hasText: "Server sessions" }).first(),
  ).toContainText("Answered by Approver Person");

  // Back on the manager's board: the badge goes and the run works again.
  await expect(badge).toHaveCount(0);
  await expect
    .poll(() => turnOf(card(manager, title).locator(".card-turns")), { timeout: 30_000 })
    .toBeGreaterThan(waitingAt);

  // Later it asks to run the tests: a tool approval, answered the same way.
  const approval = approver
    .getByTestId("decision")
    .filter({ hasText: "Allow running npm test?" })
    .filter({ has: approver.locator("[role=radiogroup]") });
  await expect(approval).toBeVisible({ timeout: 30_000 });
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(lane(manager, "BUILDER").getByText(title)).toBeVisible({ timeout: 30_000 });

  // The run's history records both answers, the time waited, and the agent going on with them.
  const board = await (await manager.request.get("/api/v1/projects/demo/board")).json();
  const epic = await (
    await manager.request.get(
      `/api/v1/epics/${board.cards.find((c: { title: string }) => c.title === title).id}`,
    )
  ).json();
  const { events } = await (
    await manager.request.get(`/api/v1/runs/${epic.runs[0].id}/events?limit=1000`)
  ).json();
  const answered = events
    .filter((e: { kind: string }) => e.kind === "decision_answered")
    .map((e: { data: { label: string; by: string } }) => `${e.data.label} by ${e.data.by}`);
  expect(answered).toEqual(["Server sessions by Approver Person", "Allow by Approver Person"]);
  expect(
    events.some(
      (e: { kind: string; data: { text?: string } }) =>
        e.kind === "text" && e.data.text?.startsWith("Thanks for deciding. Decision on"),
    ),
  ).toBe(true);
});

test("the inbox works on a phone-sized screen, and a second answer is told who was first", async ({
  browser,
}) => {
  const manager = await signedIn(browser, "manager");
  const admin = await openBoard(browser);
  const title = `Phone decision ${Date.now()}`;
  await createEpic(admin, title);
  await card(admin, title).click();
  await admin.getByRole("button", { name: "Ask for a decision" }).click();
  const form = admin.getByRole("form", { name: "Ask for a decision" });
  await form.getByLabel("What needs deciding").fill("Ship the redesign on Friday?");
  await form.getByLabel("Options").fill("yes: Ship Friday\nno: Wait a week");
  await form.getByRole("button", { name: "Ask" }).click();
  await expect(admin.getByText("Decision asked")).toBeVisible();

  const phone = await (
    await browser.newContext({
      viewport: { width: 390, height: 844 },
      storageState: "e2e/.auth/approver.json",
    })
  ).newPage();
  await phone.goto("/decisions");
  const d = phone.getByTestId("decision").filter({ hasText: "Ship the redesign on Friday?" });
  await expect(d).toBeVisible();
  expect(
    await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
  ).toBe(true);

  await manager.goto("/decisions");
  const m = manager.getByTestId("decision").filter({ hasText: "Ship the redesign on Friday?" });
  const id = await m.getAttribute("data-decision-id");
  await m.getByRole("radio", { name: /Wait a week/ }).click();
  await m.getByRole("button", { name: "Send answer" }).click();
  await expect(
    manager.getByTestId("decision-outcome").filter({ hasText: "Wait a week" }),
  ).toBeVisible();

  // The phone sees it answered, live; an answer sent late is told who was first, and changes nothing.
  await expect(
    phone.getByTestId("decision-outcome").filter({ hasText: "Wait a week" }),
  ).toContainText("Answered by Manager Person");
  // As the browser's own fetch would send it: from this site's page (cookie writes need the Origin).
  const late = await phone.request.post(`/api/v1/decisions/${id}/answer`, {
    headers: { origin: new URL(phone.url()).origin },
    data: { option: "yes", clientKey: "phone-late-answer" },
  });
  expect(late.status()).toBe(409);
  expect((await late.json()).error.message).toMatch(
    /^Already answered by Manager Person at .+: no\.$/,
  );
});

import { expect, test } from "./fixtures";
import { boardCards, card, dragCard, lane, openBoard } from "./helpers";

test("two browsers work on the same board together, live", async ({ browser }) => {
  const a = await openBoard(browser);
  const b = await openBoard(browser);
  const title = `Audit log export ${Date.now()}`;

  // Create in A; B sees the card arrive in the first lane.
  await a.getByRole("button", { name: "New epic" }).click();
  const form = a.getByRole("form", { name: "New epic" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Priority").selectOption("high");
  await form.getByLabel("Target version").fill("2.0");
  await form.getByLabel("Description").fill("Export the audit log as **CSV**.");
  await form.getByLabel("Key requirements").fill("One row per change\nUTC timestamps");
  await form.getByRole("button", { name: "Create epic" }).click();
  await expect(lane(b, "ANALYZER").getByText(title)).toBeVisible();
  await expect(card(b, title)).toContainText("v2.0");

  // A lands in the new epic's detail: the markdown is rendered.
  const detail = a.getByTestId("epic-detail");
  await expect(detail.locator("strong", { hasText: "CSV" })).toBeVisible();

  // Edit in A; B sees the new title.
  await detail.getByRole("button", { name: "Edit" }).click();
  const edit = a.getByRole("form", { name: "Edit epic" });
  await edit.getByLabel("Title").fill(`${title} v2`);
  await edit.getByRole("button", { name: "Save epic" }).click();
  await expect(card(b, `${title} v2`)).toBeVisible();

  // Todos in A: add two, check one; B's card shows the progress.
  await detail.getByLabel("New todo").fill("Write the exporter");
  await detail.getByLabel("New todo").press("Enter");
  await expect(detail.getByTestId("todo")).toHaveCount(1);
  await detail.getByLabel("New todo").fill("Stream large logs");
  await detail.getByRole("button", { name: "Add" }).click();
  await expect(detail.getByTestId("todo")).toHaveCount(2);
  await detail.getByLabel("Completed: Write the exporter").check();
  await expect(detail.getByTestId("todo-count")).toHaveText("1/2 completed");
  await expect(card(b, `${title} v2`).locator(".todo-progress")).toHaveText("1/2");
  await a.keyboard.press("Escape");

  // Drag in A from ANALYZER to BUILDER; B sees it move.
  await dragCard(a, `${title} v2`, "BUILDER");
  // No ANALYZER run met its definition of done: the board asks before skipping it.
  const skip = a.getByRole("alertdialog", { name: "Skip Analyzer?" });
  await skip.getByRole("button", { name: "Move to Builder" }).click();
  await expect(lane(b, "BUILDER").getByText(`${title} v2`)).toBeVisible();
  await expect(lane(b, "ANALYZER").getByText(`${title} v2`)).toHaveCount(0);

  // Keyboard in A: Space picks up, → moves a lane, Space drops. B sees it in TESTER.
  // Each key waits for what a screen reader would announce, as a keyboard user would.
  const announced = a.locator("[id^=DndLiveRegion]");
  await card(a, `${title} v2`)
    .getByRole("button", { name: /^Move / })
    .focus();
  await a.keyboard.press("Space");
  await expect(announced).toHaveText("Over the Builder lane.");
  // dnd-kit starts listening for arrow keys on the tick after the pick-up (a setTimeout), which a
  // loaded machine may run after the announcement renders: pause as briefly as a person would.
  await a.waitForTimeout(150);
  await a.keyboard.press("ArrowRight");
  await expect(announced).toHaveText("Over the Tester lane.");
  await a.keyboard.press("Space");
  await expect(announced).toHaveText("Dropped in the Tester lane.");
  await a.getByRole("alertdialog").getByRole("button", { name: "Move to Tester" }).click();
  await expect(lane(b, "TESTER").getByText(`${title} v2`)).toBeVisible();
  expect((await boardCards(a)).find((c) => c.title === `${title} v2`)?.phase).toBe("TESTER");

  // The history in B says who did what.
  await card(b, `${title} v2`).click();
  const history = b.getByTestId("epic-history");
  await expect(history).toContainText("moved it from BUILDER to TESTER");
  await expect(history).toContainText("moved it from ANALYZER to BUILDER");
  await expect(history).toContainText("added todo “Write the exporter”");
  await expect(history).toContainText("created the epic");
});

test("a move that skips phases is refused with the reason, and nothing changes", async ({
  browser,
}) => {
  const a = await openBoard(browser);
  await dragCard(a, "Export board as CSV", "TESTER");
  await expect(a.getByText("Move forward one lane at a time")).toBeVisible();
  await expect(lane(a, "ANALYZER").getByText("Export board as CSV")).toBeVisible();
  expect((await boardCards(a)).find((c) => c.title === "Export board as CSV")?.phase).toBe(
    "ANALYZER",
  );

  // One lane on: the board asks first (Cancel keeps the card), then marks the card; Undo takes it back.
  await dragCard(a, "Export board as CSV", "BUILDER");
  const skip = a.getByRole("alertdialog", { name: "Skip Analyzer?" });
  await skip.getByRole("button", { name: "Cancel" }).click();
  await expect(skip).toBeHidden();
  await expect(lane(a, "ANALYZER").getByText("Export board as CSV")).toBeVisible();
  await dragCard(a, "Export board as CSV", "BUILDER");
  await skip.getByRole("button", { name: "Move to Builder" }).click();
  await expect(card(a, "Export board as CSV").getByTestId("card-skipped")).toHaveText(
    "⤼ ANALYZER skipped by hand",
  );
  expect((await boardCards(a)).find((c) => c.title === "Export board as CSV")?.skippedPhase).toBe(
    "ANALYZER",
  );
  await a.getByRole("button", { name: "Undo" }).click();
  await expect(lane(a, "ANALYZER").getByText("Export board as CSV")).toBeVisible();
  await expect(card(a, "Export board as CSV").getByTestId("card-skipped")).toHaveCount(0);
});

test("invalid input shows what to fix and writes nothing", async ({ browser }) => {
  const a = await openBoard(browser);
  const before = (await boardCards(a)).length;
  await a.getByRole("button", { name: "New epic" }).click();
  const form = a.getByRole("form", { name: "New epic" });
  await form.getByLabel("Title").fill("ab");
  await form.getByLabel("Target version").fill("next week");
  await form.getByRole("button", { name: "Create epic" }).click();
  await expect(form.getByText("Title needs at least 3 characters")).toBeVisible();
  await expect(form.getByText("Target version looks like 1.4 or v2.0.1")).toBeVisible();
  await expect(form.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  expect((await boardCards(a)).length).toBe(before);

  // An empty todo is refused too.
  await a.keyboard.press("Escape");
  await card(a, "Sign in with magic links").click();
  const detail = a.getByTestId("epic-detail");
  await expect(detail.getByTestId("todo-count")).toHaveText("1/3 completed");
  const todos = await detail.getByTestId("todo").count();
  await detail.getByRole("button", { name: "Add" }).click();
  await expect(detail.getByText("A todo needs some text")).toBeVisible();
  await expect(detail.getByTestId("todo")).toHaveCount(todos);
});

test("filters and search narrow the board; lane counts follow", async ({ browser }) => {
  const a = await openBoard(browser);
  await a.getByLabel("Priority", { exact: true }).selectOption("high");
  await expect(lane(a, "VALIDATOR").locator(".lane-count")).toHaveText("0");
  await expect(card(a, "Rate limiter for the public API")).toBeVisible();
  await a.getByLabel("Priority", { exact: true }).selectOption("all");
  await a.keyboard.press("/");
  await a.keyboard.type("billing");
  await expect(a.getByTestId("epic-card")).toHaveCount(1);
  await expect(card(a, "Split the billing service")).toBeVisible();
  await a.getByRole("button", { name: "Clear filters" }).click();
  await expect(lane(a, "VALIDATOR").locator(".lane-count")).toHaveText("1");
});

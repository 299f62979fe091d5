import { expect, test } from "./fixtures";
import { card, createProject, lane, openBoard, signedIn } from "./helpers";

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

test("a run of 10,000 events opens on its newest, pages back to the first, and keeps the page light", async ({
  browser,
}) => {
  const page = await openBoard(browser, "large");
  const board = await (await page.request.get("/api/v1/projects/large/board")).json();
  const first = board.cards.find((c: { number: number }) => c.number === 1);
  const epic = await (await page.request.get(`/api/v1/epics/${first.id}`)).json();
  await page.goto(`/runs/${epic.runs[0].id}`);
  const transcript = page.getByTestId("transcript");
  // The page opens on the newest thousand events: memory stays flat however long the run.
  await expect(transcript).toHaveAttribute("data-last-seq", "10000", { timeout: 30_000 });
  await expect(transcript).toHaveAttribute("data-count", "1000");
  await expect(transcript).toHaveAttribute("data-first-seq", "9001");
  expect(await page.evaluate(() => document.querySelectorAll("[data-seq]").length)).toBeLessThan(
    120,
  );
  // Scrolled to the top, the page above comes back, and the rows in view stay in view.
  await transcript.evaluate((el) => el.scrollTo(0, 0));
  await expect(transcript).toHaveAttribute("data-first-seq", "8001", { timeout: 30_000 });
  await expect(transcript.locator('[data-seq="9001"]')).toBeInViewport();
  // The button does the same from the keyboard.
  const earlier = page.getByRole("button", { name: "Load earlier events" });
  await earlier.focus();
  await page.keyboard.press("Enter");
  await expect(transcript).toHaveAttribute("data-first-seq", "7001", { timeout: 30_000 });
  // Every event is reachable, each once: scrolling up reaches the first.
  await expect(async () => {
    await transcript.evaluate((el) => el.scrollTo(0, 0));
    await expect(transcript).toHaveAttribute("data-first-seq", "1", { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(transcript).toHaveAttribute("data-count", "10000");
  await expect(earlier).toHaveCount(0);
  await transcript.evaluate((el) => el.scrollTo(0, 0));
  await expect(transcript.locator('[data-seq="1"]')).toContainText("Turn 1");
});

test("a live run longer than the page's window keeps a window, in order, to its last line", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const admin = await signedIn(browser, "admin");
  const slug = `window-${Date.now().toString(36)}`;
  await createProject(admin, baseURL!, { name: "Window", slug, repo: "data/e2e/demo-repo" });
  const origin = { origin: new URL(baseURL!).origin };
  const spec = await (await admin.request.get(`/api/v1/projects/${slug}/pipeline`)).json();
  // The agent: a command printing 2,500 numbered lines, a few hundred a second.
  spec.phases[0] = {
    ...spec.phases[0],
    runner: "command",
    agent: null,
    model: null,
    command: 'for i in $(seq 1 2500); do echo "line $i"; [ $((i % 50)) -eq 0 ] && sleep 0.2; done',
  };
  const put = await admin.request.put(`/api/v1/projects/${slug}/pipeline`, {
    headers: origin,
    data: { name: spec.name, phases: spec.phases },
  });
  expect(put.status(), await put.text()).toBe(200);
  const { projects } = await (await admin.request.get("/api/v1/projects")).json();
  const projectId = projects.find((p: { slug: string }) => p.slug === slug).id;
  const made = await admin.request.post("/api/v1/epics", {
    headers: origin,
    data: { projectId, title: "Print a long log", type: "feature", priority: "medium" },
  });
  expect(made.status(), await made.text()).toBe(201);
  const started = await admin.request.post("/api/v1/runs", {
    headers: origin,
    data: { epicId: (await made.json()).id },
  });
  expect(started.status(), await started.text()).toBe(201);
  const { runId } = await started.json();

  await admin.goto(`/runs/${runId}`);
  await expect(admin.locator(".run-status")).toHaveText("Completed", { timeout: 120_000 });
  const stored = await (await admin.request.get(`/api/v1/runs/${runId}`)).json();
  const transcript = admin.getByTestId("transcript");
  await expect(transcript).toHaveAttribute("data-last-seq", String(stored.lastSeq));
  await expect(transcript.getByText("line 2500", { exact: true })).toBeVisible();
  // A window of the newest, contiguous: count = last − first + 1, and not the whole run.
  const first = Number(await transcript.getAttribute("data-first-seq"));
  const count = Number(await transcript.getAttribute("data-count"));
  expect(first).toBeGreaterThan(1);
  expect(count).toBeLessThanOrEqual(1100);
  expect(count).toBe(stored.lastSeq - first + 1);
  await expect(admin.getByRole("button", { name: "Load earlier events" })).toBeVisible();
});

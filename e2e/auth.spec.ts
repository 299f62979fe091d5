import { expect, test } from "./fixtures";
import { io } from "socket.io-client";
import { card, createEpic, openBoard, PASSWORD, signedIn } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("sign-in: a page asks for it, a wrong password is refused, the right one leads back", async ({
  page,
}) => {
  await page.goto("/projects/demo/runs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprojects%2Fdemo%2Fruns$/);
  await page.getByLabel("Email").fill("developer@example.com");
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is wrong")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/runs$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/projects/demo/board");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-in attempts are limited with a clear wait", async ({ page }) => {
  await page.goto("/sign-in");
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email").fill("nobody-here@example.com");
    await page.getByLabel("Password").fill(`guess number ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").or(page.getByText("Email or password is wrong")).first(),
    ).toBeVisible();
  }
  await expect(page.getByText(/Too many attempts: try again in \d+ s\./)).toBeVisible();
});

test("a different X-Forwarded-For on every attempt does not get around the sign-in limit", async ({
  page,
}) => {
  let n = 0;
  await page.route("**/*", (route) =>
    route.continue({
      headers: { ...route.request().headers(), "x-forwarded-for": `203.0.113.${++n % 250}` },
    }),
  );
  await page.goto("/sign-in");
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email").fill("spoofer@example.com");
    await page.getByLabel("Password").fill(`spoofed guess ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").or(page.getByText("Email or password is wrong")).first(),
    ).toBeVisible();
  }
  await expect(page.getByText(/Too many attempts: try again in \d+ s\./)).toBeVisible();
});

test("a signed-in browser's cookie writes nothing when another site's page sends it", async ({
  browser,
  baseURL,
}) => {
  const manager = await signedIn(browser, "manager");
  const epic = { title: "Cross-site epic", type: "feature", priority: "low", projectId: "" };
  const projects = await manager.request.get("/api/v1/projects");
  epic.projectId = (
    (await projects.json()) as { projects: { id: string; slug: string }[] }
  ).projects.find((p) => p.slug === "demo")!.id;
  const forged = await manager.request.post("/api/v1/epics", {
    headers: { origin: "http://127.0.0.1:9999" },
    data: epic,
  });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("cross-site");
  const asForm = await manager.request.post("/api/v1/epics", {
    headers: { origin: new URL(baseURL!).origin, "content-type": "text/plain" },
    data: JSON.stringify(epic),
  });
  expect(asForm.status()).toBe(415);
  const own = await manager.request.post("/api/v1/epics", {
    headers: { origin: new URL(baseURL!).origin },
    data: { ...epic, title: "Same-site epic" },
  });
  expect(own.status()).toBe(201);
});

test("a viewer sees no Start or New epic, and a forged start is refused", async ({ browser }) => {
  const viewer = await openBoard(browser, "demo", "viewer");
  await expect(viewer.getByTestId("epic-card").first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New epic" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Start/ })).toHaveCount(0);
  const board = await (await viewer.request.get("/api/v1/projects/demo/board")).json();
  const epicId = board.cards[0].id;
  const forged = await viewer.request.post("/api/v1/runs", { data: { epicId } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("forbidden");
  const epic = await (await viewer.request.get(`/api/v1/epics/${epicId}`)).json();
  expect(
    epic.runs.filter((r: { status: string }) =>
      ["queued", "running", "waiting"].includes(r.status),
    ),
  ).toHaveLength(0);
});

test("an approver answers the agent's approval request; a viewer cannot", async ({ browser }) => {
  const admin = await openBoard(browser);
  const title = `Needs approval ${Date.now()}`;
  await createEpic(admin, title);
  await card(admin, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  await card(admin, title).getByRole("link", { name: "Watch (demo)" }).click();
  await expect(admin).toHaveURL(/\/runs\//);
  const runUrl = admin.url();

  const viewer = await signedIn(browser, "viewer");
  await viewer.goto(runUrl);
  await expect(viewer.getByText("Approval requested")).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByTestId("decision")).toContainText(
    "Answering needs the approver role or above.",
  );
  await expect(viewer.getByRole("button", { name: "Send answer" })).toHaveCount(0);
  await expect(viewer.getByText("steering it needs the developer role")).toBeVisible();

  const approver = await signedIn(browser, "approver");
  await approver.goto(runUrl);
  const asked = approver.getByTestId("run-decisions").getByTestId("decision");
  await asked.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await asked.getByRole("button", { name: "Send answer" }).click();
  await expect(approver.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });
  await expect(approver.getByTestId("transcript")).toContainText("Allowed by Approver Person");
});

test("an API key works until an admin revokes it", async ({ browser, playwright }) => {
  const admin = await signedIn(browser);
  await admin.goto("/admin");
  await admin.getByLabel("Key name").fill("Orchestrator");
  await admin.getByLabel("Role of the key").selectOption("developer");
  await admin.getByRole("button", { name: "Create API key" }).click();
  const key = (await admin.getByTestId("secret").textContent())!.trim();
  expect(key).toMatch(/^hb_/);

  const client = await playwright.request.newContext({
    baseURL: admin.url().split("/admin")[0],
    extraHTTPHeaders: { "x-api-key": key },
  });
  expect((await client.get("/api/v1/projects/demo/board")).status()).toBe(200);
  await admin.reload();
  await expect(admin.getByTestId("key-row").filter({ hasText: "Orchestrator" })).toContainText(
    /last used (?!never)\S/,
  );
  await admin
    .getByTestId("key-row")
    .filter({ hasText: "Orchestrator" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(admin.getByTestId("key-row").filter({ hasText: "Orchestrator" })).toContainText(
    "revoked",
  );
  const refused = await client.get("/api/v1/projects/demo/board");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toContain("not valid");

  await admin.goto("/admin/audit?action=api_key.");
  await expect(admin.getByTestId("audit")).toContainText("api_key.revoke");
  await expect(admin.getByTestId("audit")).toContainText("Ada Admin");
});

test("a socket without a session is refused", async ({ baseURL }) => {
  const socket = io(baseURL!, { transports: ["websocket"], reconnection: false, forceNew: true });
  const outcome = await new Promise<string>((resolve) => {
    socket.on("connect", () => resolve("connected"));
    socket.on("connect_error", (e) => resolve(e.message));
  });
  socket.close();
  expect(outcome).toBe("Sign in first.");
});

test("pages run only the scripts they were sent with: a fresh nonce each time, no inline handlers", async ({
  browser,
}) => {
  const page = await signedIn(browser, "manager");
  const first = await page.goto("/projects/demo/board");
  const csp = first!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("connect-src 'self'");
  // The board works under it: rendered, and live over its socket.
  await expect(page.getByTestId("live-indicator")).toContainText("Live");
  const again = await page.reload();
  expect(again!.headers()["content-security-policy"]).not.toBe(csp);
  // Markup slipped into the page cannot run script.
  const ran = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const w = window as unknown as { __pwned?: boolean };
        document.body.insertAdjacentHTML(
          "beforeend",
          '<img id="probe" src="/no-such-image.png" onerror="window.__pwned = true">',
        );
        // Listeners run in the order they were added: the inline one (if allowed) first.
        document
          .getElementById("probe")!
          .addEventListener("error", () => resolve(w.__pwned === true));
      }),
  );
  expect(ran).toBe(false);
});

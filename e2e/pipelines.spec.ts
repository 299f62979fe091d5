import { expect, test } from "./fixtures";
import { card, createEpic } from "./helpers";

test("edit the pipeline as YAML: an error named by line, then fixed and saved, and the board follows", async ({
  page,
}) => {
  await page.goto("/projects/new");
  const slug = `pipe-${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill("Pipeline playground");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Repository").fill("");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/board$`));
  await page.getByRole("link", { name: "Pipeline" }).click();
  await expect(page.getByTestId("pipeline-diagram")).toBeVisible();
  await expect(page.getByTestId("pipeline-valid")).toHaveText(
    "Valid: ANALYZER → BUILDER → TESTER → VALIDATOR → DEPLOYER",
  );

  await page.getByRole("tab", { name: "pipeline.yaml" }).click();
  const editor = page.getByLabel("pipeline.yaml");
  const original = await editor.inputValue();
  const broken = original.replace("maxTurns: 60", "maxTurns: 600");
  await editor.fill(broken);
  const line = broken.split("\n").findIndex((l) => l.includes("maxTurns: 600")) + 1;
  await expect(page.getByTestId("pipeline-errors")).toHaveText(
    `Line ${line}, phases[1].maxTurns: maxTurns is 1 to 200`,
  );
  await expect(page.getByRole("button", { name: "Save pipeline" })).toBeDisabled();

  await editor.fill(
    original.replace("maxTurns: 60", "maxTurns: 90").replace("name: Builder", "name: Implementer"),
  );
  await expect(page.getByTestId("pipeline-valid")).toBeVisible();
  await page.getByRole("button", { name: "Save pipeline" }).click();
  await expect(page.getByText("Pipeline saved")).toBeVisible();
  await expect(page.getByTestId("pipeline-diagram")).toContainText("Implementer");

  // The same pipeline in the form: a bad value is named, a good one saved.
  await page.getByRole("tab", { name: "Form" }).click();
  await page.getByLabel("Max turns of phase 3").fill("0");
  await expect(page.getByTestId("pipeline-errors")).toContainText(
    "phases[2].maxTurns: maxTurns is 1 to 200",
  );
  await page.getByLabel("Max turns of phase 3").fill("45");
  await page.getByLabel("Name of phase 3").fill("QA and tests");
  await page.getByRole("button", { name: "Save pipeline" }).click();
  await expect(page.getByTestId("pipeline-diagram")).toContainText("QA and tests");

  await page.goto(`/projects/${slug}/board`);
  await expect(page.locator("[data-testid=lane][data-lane=BUILDER]")).toContainText("Implementer");
  await expect(page.locator("[data-testid=lane][data-lane=TESTER]")).toContainText("QA and tests");
});

test("a phase run by another agent: pick the ACP demo agent and a model in the form, run it, steer it between turns", async ({
  page,
}) => {
  await page.goto("/projects/new");
  const slug = `acp-${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill("Agents per phase");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Repository").fill("");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/board$`));
  await page.getByRole("link", { name: "Pipeline" }).click();
  await page.getByRole("tab", { name: "Form" }).click();
  await page.getByLabel("Agent of phase 1").selectOption({ label: "Demo agent (ACP)" });
  await page.getByLabel("Model of phase 1").fill("demo-large");
  await page.getByRole("button", { name: "Save pipeline" }).click();
  await expect(page.getByText("Pipeline saved")).toBeVisible();
  await page.getByRole("tab", { name: "pipeline.yaml" }).click();
  const yaml = await page.getByLabel("pipeline.yaml").inputValue();
  expect(yaml).toMatch(/key: ANALYZER[\s\S]*?agent: demo-acp\n\s+model: demo-large/);
  expect(yaml).toContain("runner: acp");

  await page.goto(`/projects/${slug}/board`);
  const title = `ACP run ${Date.now()}`;
  await createEpic(page, title);
  await card(page, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  await card(page, title).getByRole("link", { name: /Watch/ }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByText("Demo agent (ACP) · demo-large", { exact: true })).toBeVisible();

  // The agent asks before running the tests; a message sent now waits for the turn's end, and says so.
  const approval = page.getByTestId("run-decisions").getByTestId("decision");
  await expect(approval).toContainText("Allow run npm test?");
  await page.getByLabel("Feedback for the agent").fill("Mention the changelog");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const receipt = page.getByTestId("receipt").filter({ hasText: "Mention the changelog" });
  await expect(receipt.getByTestId("receipt-note")).toHaveText(
    "queued until the turn ends (this agent takes messages between turns)",
  );
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(receipt).toHaveAttribute("data-status", "acknowledged", { timeout: 30_000 });
  await expect(page.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });
  const transcript = page.getByTestId("transcript");
  await expect(transcript).toContainText("Thanks, I read your feedback: “Mention the changelog”");
  // Its thoughts were recorded apart from what it said (the page folds them as "Thinking…").
  const runId = page.url().split("/runs/")[1];
  const stored = await (await page.request.get(`/api/v1/runs/${runId}/events?limit=1000`)).json();
  expect(stored.events.some((e: { kind: string }) => e.kind === "thought")).toBe(true);
});

import { expect, test } from "./fixtures";

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

import { expect, test } from "./fixtures";

test("create a project, refuse a taken slug, switch between projects, edit settings", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/projects\/demo\/board$/);
  await page.getByLabel("Project").selectOption("__new");
  await expect(page).toHaveURL(/\/projects\/new$/);

  await page.getByLabel("Name").fill("Payments");
  await expect(page.getByLabel("Slug")).toHaveValue("payments");
  await page.getByLabel("Slug").fill("demo");
  // The repository is checked on save: a folder that is not here is refused, with what to do.
  await page.getByLabel("Repository").fill("/srv/payments");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("No folder at /srv/payments on this server").first()).toBeVisible();
  // A git repository on this server, whose default branch exists (the demo project's).
  await page.getByLabel("Repository").fill("data/e2e/demo-repo");
  await page.getByLabel("Default branch").fill("trunk");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("No branch “trunk” in").first()).toBeVisible();
  await page.getByLabel("Default branch").fill("main");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText('"demo" is already used by another project')).toBeVisible();

  await page.getByLabel("Slug").fill("payments");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/payments\/board$/);
  await expect(page.getByText("No epics yet")).toBeVisible();
  await expect(page.locator("[data-testid=lane]")).toHaveCount(6);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Default branch").fill("trunk with spaces");
  await page.getByRole("button", { name: "Save project" }).click();
  await expect(page.getByText("Branch names use letters")).toBeVisible();
  // Empty: runs work in a scratch folder per epic, as the field says.
  await page.getByLabel("Repository").fill("");
  await page.getByLabel("Default branch").fill("trunk");
  await page.getByLabel("Name", { exact: true }).fill("Payments API");
  await page.getByRole("button", { name: "Save project" }).click();
  await expect(page).toHaveURL(/\/projects\/payments\/board$/);
  await expect(page.getByRole("heading", { name: "Payments API" })).toBeVisible();

  await page.getByLabel("Project").selectOption("demo");
  await expect(page).toHaveURL(/\/projects\/demo\/board$/);
});

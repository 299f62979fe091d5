import { expect, test } from "./fixtures";

test("the metrics page shows the seeded scenario's numbers, links to its runs, and exports CSV", async ({
  page,
}) => {
  await page.goto("/metrics?project=metrics-demo");
  await expect(page.getByRole("heading", { name: "Metrics of Metrics scenario" })).toBeVisible();
  await expect(page.getByTestId("m-lead")).toContainText("10 h");
  await expect(page.getByTestId("m-waiting")).toContainText("1.25 h");
  await expect(page.getByTestId("m-interventions")).toContainText("2");
  await expect(page.getByTestId("m-reuse")).toContainText("50%");
  await expect(page.getByTestId("m-first")).toContainText("50%");
  await expect(page.getByTestId("m-coverage")).toContainText("70%");
  await expect(page.getByTestId("m-cost")).toContainText("$2.00");
  await expect(page.getByTestId("phase-table")).toContainText("ANALYZER");
  await expect(page.getByTestId("phase-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("days-chart").locator("svg").first()).toBeVisible();

  // Each number leads to the runs behind it.
  await page.getByTestId("epic-table").getByRole("link", { name: "A2" }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await page.goBack();
  await page.getByTestId("m-first").click();
  await expect(page.getByTestId("run-filter")).toContainText("that re-ran a phase");
  await expect(page.getByTestId("project-runs").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("project-runs")).toContainText("#2 Rework");
  await page.goBack();
  await page.getByTestId("m-coverage").click();
  await expect(page.getByTestId("run-filter")).toContainText("that reported test coverage");
  await expect(page.getByTestId("project-runs").locator("tbody tr")).toHaveCount(2);

  const csv = await page.request.get(
    "/api/v1/metrics?projectId=" +
      (await (await page.request.get("/api/v1/projects/metrics-demo/board")).json()).project.id +
      "&format=csv",
  );
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe(
    "epic,title,lead_time_hours,waiting_hours,interventions,first_time_success,used_pattern,coverage,turns,tokens,cost_usd",
  );
  expect(lines).toContain("#2,Rework,,2,3,false,false,60,20,2400,1.0000");
});

import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { card, createEpic, createProject, openBoard, signedIn } from "./helpers";

// The whole way of one epic, as people meet it: five phases of the demo agent, where the agent asks
// one decision (again in every phase) and a tool approval (in every phase), and the DEPLOYER phase
// needs a go. People answer three times; the rest is answered by a rule and by the earlier answer.
// A project of its own, so its permission rule touches no other test.

type Open = { id: string; source: string; title: string };

test("a demo epic goes through five phases with three answers; todos by phase; a waiting run never shows as finished", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const admin = await signedIn(browser, "admin");
  const slug = `journey-${Date.now().toString(36)}`;
  await createProject(admin, baseURL!, { name: "Journey", slug, repo: "data/e2e/demo-repo" });

  const manager = await openBoard(browser, slug, "manager");
  // A new project asks for Claude Code; without it here, the board says its runs use the demo agent.
  await expect(manager.getByTestId("demo-notice")).toContainText("demo agent");
  const title = `Magic links need a decision ${Date.now()}`;
  await createEpic(manager, title);
  const epicId = (await card(manager, title).getAttribute("data-epic-id"))!;
  const approver = await signedIn(browser, "approver");
  await approver.goto(`/decisions?epic=${epicId}`);

  const openDecisions = async (): Promise<Open[]> =>
    (await (await admin.request.get(`/api/v1/decisions?status=open&epicId=${epicId}`)).json())
      .decisions;
  let answers = 0;
  const answer = async (d: Open, option: RegExp) => {
    const el = approver.getByTestId("decision").filter({ hasText: d.title });
    await el.getByRole("radio", { name: option }).click();
    await el.getByRole("button", { name: "Send answer" }).click();
    await expect(el.getByTestId("decision-outcome")).toContainText("Answered by Approver Person");
    answers++;
  };

  const phases = ["ANALYZER", "BUILDER", "TESTER", "VALIDATOR", "DEPLOYER"];
  for (const [i, phase] of phases.entries()) {
    await card(manager, title)
      .getByRole("button", { name: `▶ Start ${phase}` })
      .click();
    const next = phases[i + 1] ?? "DONE";
    // Answer what needs a person until the card moves on.
    while (!(await movedTo(manager, title, next))) {
      const open = await openDecisions();
      for (const d of open) {
        if (d.source === "gate") await answer(d, /Approve/);
        else if (d.source === "agent") await answer(d, /Server sessions/);
        else if (d.source === "tool_approval") await answer(d, /Always allow Bash\(npm test:\*\)/);
      }
      if (!open.length) await manager.waitForTimeout(250);
    }
  }
  expect(answers).toBe(3);

  // The reused answers and the rule show as such, not as questions.
  await approver.goto(`/decisions?epic=${epicId}`);
  await expect(
    approver.getByText(/Answered at once with the earlier answer/).first(),
  ).toBeVisible();
  await manager.goto(`/projects/${slug}/settings`);
  await expect(manager.getByTestId("permission-rule")).toContainText("Bash(npm test:*)");
  // A manager adds one by hand: a rule it cannot read says what to fix; a good one is listed.
  const ruleForm = manager.getByRole("form", { name: "Add a permission rule" });
  await ruleForm.getByLabel("Rule").fill("Edit()");
  await ruleForm.getByRole("button", { name: "Add rule" }).click();
  await expect(ruleForm.getByRole("alert")).toContainText("empty parentheses");
  await ruleForm.getByLabel("Rule").fill("Edit(src/**)");
  await ruleForm.getByLabel("Where").selectOption("BUILDER");
  await ruleForm.getByRole("button", { name: "Add rule" }).click();
  await expect(
    manager.getByTestId("permission-rule").filter({ hasText: "Edit(src/**)" }),
  ).toContainText("only in BUILDER");

  // The drawer groups the agent's todos by phase: five lists of four, all done.
  await manager.goto(`/projects/${slug}/board?epic=${epicId}`);
  const groups = manager.getByTestId("todo-group");
  await expect(groups).toHaveCount(5);
  for (const phase of phases) {
    await expect(manager.locator(`[data-testid=todo-group][data-phase=${phase}]`)).toContainText(
      "4/4",
    );
  }
});

test("the run page says the run waits on a person, not that it finished, while a decision is open", async ({
  browser,
}) => {
  const manager = await openBoard(browser, "demo", "manager");
  const title = `Storage needs a decision ${Date.now()}`;
  await createEpic(manager, title);
  await card(manager, title).getByRole("button", { name: "▶ Start ANALYZER" }).click();
  await card(manager, title).getByRole("link", { name: /Watch/ }).click();
  await expect(manager.getByTestId("decision")).toContainText("Store magic-link sessions", {
    timeout: 30_000,
  });
  // The agent's query that asked is over, yet the run is not.
  await expect(manager.getByText("The agent ended its turn")).toBeVisible({ timeout: 30_000 });
  await expect(manager.locator(".run-status")).toHaveText("Waiting for a decision");
  await expect(manager.getByText("Finished", { exact: false })).toHaveCount(0);
  await expect(manager.locator(".run-status")).not.toHaveText("Completed");
  const decision = manager.getByTestId("decision").filter({ hasText: "Store magic-link" });
  await decision.getByRole("radio", { name: /JWT/ }).click();
  await decision.getByRole("button", { name: "Send answer" }).click();
  // Then the agent works on (a tool approval comes next) and only its result after the answer ends it.
  const approval = manager.getByTestId("decision").filter({ hasText: "Allow running npm test?" });
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(manager.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });
});

async function movedTo(page: Page, title: string, lane: string): Promise<boolean> {
  const cards: { title: string; phase: string; status: string }[] = (
    await (
      await page.request.get(
        page.url().replace(/\/projects\/([^/]+)\/board.*/, "/api/v1/projects/$1/board"),
      )
    ).json()
  ).cards;
  const c = cards.find((x) => x.title === title);
  if (c?.status === "failed") throw new Error(`the ${c.phase} run failed`);
  return c?.phase === lane && c.status !== "running" && c.status !== "waiting";
}

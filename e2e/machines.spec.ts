// Machine clients against the real server: the `hiveboard` CLI as a process, the official MCP
// client over HTTP, the OpenAPI document and its reference page.
import { spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test } from "./fixtures";
import { signedIn } from "./helpers";
import { E2E_ADMIN_KEY } from "./keys";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;

/** The CLI as a user runs it; `output()` is what it printed so far. */
function hiveboard(...args: string[]) {
  const child = spawn(process.execPath, ["scripts/hiveboard.mjs", ...args], {
    env: { ...process.env, HIVEBOARD_URL: BASE, HIVEBOARD_API_KEY: E2E_ADMIN_KEY },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { output: () => output, exited };
}
const run = async (...args: string[]) => {
  const p = hiveboard(...args);
  return { code: await p.exited, output: p.output() };
};

test("the CLI drives a run to completion: create, start --watch, answer the approval, done", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = `CLI epic ${Date.now()}`;
  const created = await run(
    "epics",
    "create",
    "--project",
    "demo",
    "--title",
    title,
    "--priority",
    "high",
  );
  expect(created.code).toBe(0);
  const epicId = created.output.match(/Created epic (\S+)/)![1];
  expect((await run("epics", "list", "--project", "demo", "--search", title)).output).toContain(
    `ANALYZER   idle     high   ${title}`,
  );

  const watching = hiveboard("run", "start", epicId, "--watch");
  // The demo agent asks before running the tests: the person answers from the CLI too.
  await expect.poll(() => watching.output(), { timeout: 30_000 }).toContain("waiting for a person");
  const listed = await run("decisions", "list");
  const line = listed.output.split("\n").find((l) => l.includes(title))!;
  expect(line).toBeTruthy();
  const answered = await run(
    "decisions",
    "answer",
    line.split(/\s+/)[0],
    "allow",
    "--comment",
    "go ahead",
  );
  expect(answered.code).toBe(0);
  expect(await watching.exited).toBe(0);
  expect(watching.output()).toMatch(/\[#{20}\] \d+\/\d+ turns · \$\d+\.\d{4} · ✔ completed/);

  // Review from the terminal: what the branch changed, a comment on a line, sent; merge checked.
  const diff = await run("diff", "--epic", epicId);
  expect(diff.output).toMatch(/^diff --git a\/notes\//m);
  const stat = await run("diff", "--epic", epicId, "--stat");
  const file = stat.output
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[2])
    .find((f) => f?.startsWith("notes/"))!;
  expect(file).toBeTruthy();
  expect((await run("comment", epicId, `${file}:1`, "Say", "more")).output).toContain(
    `Draft comment`,
  );
  expect((await run("comments", "list", epicId)).output).toContain(`draft     ${file}:1  Say more`);
  expect((await run("merge", epicId, "--dry-run")).output).toMatch(
    /commits? merge cleanly into main\./,
  );
  const sent = await run("comments", "send", epicId);
  expect(sent.output).toMatch(/Sent 1 comment to run \S+\./);
  const followUp = /to run (\S+)\./.exec(sent.output)![1];
  const pr = await run("pr", "status", epicId);
  expect(pr).toMatchObject({ code: 1 });
  expect(pr.output).toContain("This epic has no pull request.");
  expect((await run("run", "kill", followUp)).code).toBe(0);

  // The same run, seen by people on the board.
  await page.goto("/projects/demo/board");
  await expect(page.getByText(title)).toBeVisible();

  const bad = await run("epics", "create", "--project", "demo", "--title", "x");
  expect(bad.code).toBe(1);
  expect(bad.output).toContain("title: Title needs at least 3 characters");
});

test("the MCP server answers the official client: its tools, then a workflow started, read and steered", async () => {
  test.setTimeout(120_000);
  const client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${BASE}/api/mcp`), {
      requestInit: { headers: { "x-api-key": E2E_ADMIN_KEY } },
    }),
  );
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(
    expect.arrayContaining(["run_workflow", "request_decision", "report_metric"]),
  );
  const started = (await client.callTool({
    name: "run_workflow",
    arguments: { workflow: "architect", message: "Plan it", session_name: `MCP e2e ${Date.now()}` },
  })) as unknown as { structuredContent: { run_id: string; status: string } };
  expect(started.structuredContent.status).toBe("pending");
  const status = (await client.callTool({
    name: "get_run_status",
    arguments: { run_id: started.structuredContent.run_id },
  })) as unknown as { structuredContent: { workflow_name: string } };
  expect(status.structuredContent.workflow_name).toBe("architect");
  await client.callTool({
    name: "send_feedback",
    arguments: { run_id: started.structuredContent.run_id, message: "Stop here" },
  });
  await client.close();
  const killed = await fetch(`${BASE}/api/v1/runs/${started.structuredContent.run_id}/kill`, {
    method: "POST",
    headers: { "x-api-key": E2E_ADMIN_KEY },
  });
  expect([200, 409]).toContain(killed.status);
});

test("a load balancer's health check needs no sign-in and says the node can serve", async ({
  request,
}) => {
  const r = await request.get(`${BASE}/api/health`);
  expect(r.status()).toBe(200);
  expect(await r.json()).toEqual({ status: "ok", database: "ok", redis: "not used" });
});

test("the API reference page lists the operations from the OpenAPI document", async ({ page }) => {
  const doc = await (await page.request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Hiveboard API" })).toBeVisible();
  const count = Object.values(doc.paths as Record<string, object>).reduce(
    (n, methods) => n + Object.keys(methods).length,
    0,
  );
  await expect(page.getByTestId("api-operation")).toHaveCount(count);
  await expect(
    page.getByTestId("api-operation").filter({ hasText: "/api/v1/runs/{id}/feedback" }),
  ).toContainText("clientKey");
});

test("a manager points the project at an Automagik server; the key is stored, never shown", async ({
  page,
}) => {
  await page.goto("/projects/demo/settings");
  const form = page.getByRole("form", { name: "Automagik server" });
  await form.getByLabel("Server URL").fill("not a url");
  await form.getByRole("button", { name: "Save server" }).click();
  await expect(form.getByText("The server's base URL, like http://localhost:28881")).toBeVisible();
  await form.getByLabel("Server URL").fill("http://automagik.internal:28881");
  await form.getByLabel("API key").fill("am-secret-123");
  await form.getByRole("button", { name: "Save server" }).click();
  await expect(page.getByText("Automagik server saved")).toBeVisible();
  await page.reload();
  await expect(form.getByLabel("Server URL")).toHaveValue("http://automagik.internal:28881");
  await expect(form.getByText("A key is stored. Leave empty to keep it.")).toBeVisible();
  await expect(form.getByLabel("API key")).toHaveValue("");
  expect(await page.content()).not.toContain("am-secret-123");
  await form.getByLabel("Server URL").fill("");
  await form.getByRole("button", { name: "Save server" }).click();
  await expect(page.getByText("Automagik server removed")).toBeVisible();
});

test("a manager sets the remote and forge for pull requests; the token shows masked, then is removed", async ({
  page,
}) => {
  await page.goto("/projects/demo/settings");
  const form = page.getByRole("form", { name: "Remote and pull requests" });
  await form.getByLabel("Remote (https)").fill("https://gitea.example.com/acme/web.git");
  await form.getByLabel("Forge", { exact: true }).selectOption("gitea");
  await form.getByLabel("Owner/name on the forge").fill("acme/web");
  await form.getByLabel("Token").fill("gta_e2e_never_shown_4242");
  await form.getByRole("button", { name: "Save remote" }).click();
  await expect(
    form.getByText("Gitea's API base, like https://gitea.example.com/api/v1"),
  ).toBeVisible();
  await form.getByLabel("API base").fill("https://gitea.example.com/api/v1");
  await form.getByRole("button", { name: "Save remote" }).click();
  await expect(page.getByText("Forge saved")).toBeVisible();
  await page.reload();
  await expect(form.getByText("Stored: gta_…4242. Leave empty to keep it.")).toBeVisible();
  expect(await page.content()).not.toContain("gta_e2e_never_shown_4242");
  await form.getByLabel("Forge", { exact: true }).selectOption("");
  await form.getByLabel("Remote (https)").fill("");
  await form.getByRole("button", { name: "Save remote" }).click();
  await expect(page.getByText("Pull requests turned off")).toBeVisible();
});

test("a manager gives the project's agents a variable and a secret; the secret is never shown again", async ({
  page,
}) => {
  await page.goto("/projects/demo/settings");
  const form = page.getByRole("form", { name: "Add a variable" });
  await form.getByLabel("Variable name").fill("9LIVES");
  await form.getByLabel("Value").fill("x");
  await form.getByRole("button", { name: "Save variable" }).click();
  await expect(form.getByText("not starting with a digit")).toBeVisible();
  await form.getByLabel("Variable name").fill("E2E_TOKEN");
  await form.getByLabel("Value").fill("tok-e2e-never-shown-777");
  await form.getByRole("button", { name: "Save variable" }).click();
  await expect(page.getByText("E2E_TOKEN saved (encrypted)")).toBeVisible();
  await form.getByLabel("Secret").uncheck();
  await form.getByLabel("Variable name").fill("E2E_REGION");
  await form.getByLabel("Value").fill("eu-west-3");
  await form.getByRole("button", { name: "Save variable" }).click();
  await expect(page.getByText("E2E_REGION saved")).toBeVisible();
  await page.reload();
  const rows = page.getByTestId("variable");
  await expect(rows.filter({ hasText: "E2E_REGION" })).toContainText("eu-west-3");
  await expect(rows.filter({ hasText: "E2E_TOKEN" })).toContainText("••••••••");
  expect(await page.content()).not.toContain("tok-e2e-never-shown-777");
  for (const name of ["E2E_TOKEN", "E2E_REGION"]) {
    await page.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(page.getByText(`${name} removed`)).toBeVisible();
  }
  await expect(rows.filter({ hasText: "E2E_" })).toHaveCount(0);
});

test("the agents page tells a manager which agents are ready and the one line that fixes the rest", async ({
  browser,
}) => {
  const manager = await signedIn(browser, "manager");
  await manager.goto("/projects/demo/board");
  await manager.getByRole("link", { name: "Agents" }).click();
  await expect(manager).toHaveURL(/\/agents$/);
  const claude = manager.locator("[data-testid=agent][data-agent=claude-code]");
  await expect(claude).toContainText("needs a step");
  await expect(claude.getByTestId("agent-fix")).toContainText(
    "npm install -g @anthropic-ai/claude-code",
  );
  await expect(manager.locator("[data-testid=agent][data-agent=demo]")).toContainText("ready");
  // The bundled ACP agent answered its handshake with its name and version.
  await expect(manager.locator("[data-testid=agent][data-agent=demo-acp]")).toContainText(
    "Hiveboard demo agent 1.0.0",
  );
  // Whether agents run sandboxed here, said either way.
  await expect(manager.getByTestId("sandbox")).toContainText(/bubblewrap/);
  // Not for every role: a developer gets a 403 and says so, not the list (nor a server error).
  const developer = await signedIn(browser, "developer");
  const answer = await developer.goto("/agents");
  expect(answer?.status()).toBe(403);
  await expect(developer.getByRole("heading", { name: "Not for your role" })).toBeVisible();
  await expect(developer.getByTestId("agents")).toHaveCount(0);
});

// Scale-out, as it runs in production: two web nodes (A, B) on PostgreSQL + Redis, runs executed by
// `npm run worker` processes. A browser on B watches a run executing on a worker and steers it;
// then the worker is killed mid-run (kill -9) and another one takes the run over; Redis and PostgreSQL
// restart mid-run; node B stops a run on a worker; the queue spreads runs over workers with room.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Client } from "pg";
import { ADMIN_KEY, clusterEnv, NODE_A } from "./cluster-env";

const A = `http://127.0.0.1:${NODE_A}`;
const workers: ChildProcess[] = [];

/** A worker as its own node process (no wrapper), so that kill -9 kills the node itself. */
function startWorker(extra: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/worker.ts"],
    { env: { ...process.env, ...clusterEnv(), ...extra } },
  );
  workers.push(child);
  child.stderr.on("data", (d) => process.stderr.write(`[worker] ${d}`));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("ready") && resolve(child));
    child.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}
test.afterAll(() => workers.forEach((w) => w.kill("SIGKILL")));

const headers = { "x-api-key": ADMIN_KEY };
async function startRunOnNodeA(request: APIRequestContext, title: string) {
  const { projects } = await (await request.get(`${A}/api/v1/projects`, { headers })).json();
  const epic = await (
    await request.post(`${A}/api/v1/epics`, {
      headers,
      data: { projectId: projects[0].id, title, type: "feature", priority: "high" },
    })
  ).json();
  const run = await (
    await request.post(`${A}/api/v1/runs`, { headers, data: { epicId: epic.id } })
  ).json();
  return run.runId as string;
}
/** Signs in as the admin the first test set up on node B. */
async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects\//);
}
const runOf = async (request: APIRequestContext, runId: string) =>
  (await request.get(`${A}/api/v1/runs/${runId}`, { headers })).json();

type StoredEvent = { seq: number; kind: string; at: string; data: { note?: string } };
/**
 * The run's history as stored (checked: every seq once, in order), and the page on node B, which
 * watched all along, holding exactly that history.
 */
async function expectWholeHistory(
  page: Page,
  request: APIRequestContext,
  runId: string,
): Promise<{ lastSeq: number; events: StoredEvent[] }> {
  const stored = await (
    await request.get(`${A}/api/v1/runs/${runId}/events?limit=1000`, { headers })
  ).json();
  expect(stored.events.map((e: StoredEvent) => e.seq)).toEqual(
    stored.events.map((_: unknown, i: number) => i + 1),
  );
  const transcript = page.getByTestId("transcript");
  await expect(transcript).toHaveAttribute("data-last-seq", String(stored.lastSeq));
  await expect(transcript).toHaveAttribute("data-count", String(stored.events.length));
  return stored;
}

/** Answers "allow" to what these runs' agents ask until every run has completed. Errors (a node whose database is restarting) just mean: ask again. */
async function allowUntilCompleted(request: APIRequestContext, runIds: string[], timeout = 60_000) {
  await expect
    .poll(
      async () => {
        try {
          for (const runId of runIds) {
            const { decisions } = await (
              await request.get(`${A}/api/v1/decisions?status=open&runId=${runId}`, { headers })
            ).json();
            for (const d of decisions)
              await request.post(`${A}/api/v1/decisions/${d.id}/answer`, {
                headers,
                data: { option: "allow", clientKey: `allow-${d.id}` },
              });
          }
          return await Promise.all(
            runIds.map(async (id) => (await runOf(request, id)).status as string),
          );
        } catch {
          return null;
        }
      },
      { timeout, intervals: [500] },
    )
    .toEqual(runIds.map(() => "completed"));
}

test("a browser on node B watches a run executing on a worker and steers it; the agent acts on it", async ({
  page,
  request,
}) => {
  await startWorker();
  await page.goto("/setup");
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create the admin account" }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/board$/);

  const runId = await startRunOnNodeA(request, `Cluster run ${Date.now()}`);
  await page.goto(`/runs/${runId}`);
  const turns = page.getByTestId("run-turns");
  await expect(turns).toHaveText(/Turn [1-9]\d*\/30/);

  await page.getByLabel("Feedback for the agent").fill("Sent from node B");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const receipt = page.getByTestId("receipt").filter({ hasText: "Sent from node B" });
  await expect(receipt).toBeVisible();

  const approval = page.getByTestId("run-decisions").getByTestId("decision");
  await expect(approval).toContainText("Allow running npm test?");
  await approval.getByRole("radio", { name: /^\d*\s*Allow$/ }).click();
  await approval.getByRole("button", { name: "Send answer" }).click();
  await expect(receipt).toHaveAttribute("data-status", "acknowledged", { timeout: 30_000 });
  await expect(page.locator(".run-status")).toHaveText("Completed", { timeout: 30_000 });

  await expectWholeHistory(page, request, runId);
});

test("kill -9 the worker mid-run: another worker resumes the run, every event once and in order", async ({
  page,
  request,
}) => {
  const doomed = workers[0] ?? (await startWorker());
  await signIn(page);

  const runId = await startRunOnNodeA(request, `Chaos run ${Date.now()}`);
  await page.goto(`/runs/${runId}`);
  await expect
    .poll(async () => (await runOf(request, runId)).turns, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  doomed.kill("SIGKILL");
  const killedAt = Date.now();
  await startWorker();

  // Within a lease (4 s here; 20 s by default) the new worker has resumed it; answer its approval.
  await allowUntilCompleted(request, [runId]);
  // The browser on node B, which watched all along, holds the same history.
  const stored = await expectWholeHistory(page, request, runId);
  const resumed = stored.events.find(
    (e) => e.kind === "status" && e.data.note === "Resumed on another node",
  );
  expect(
    resumed,
    JSON.stringify(
      stored.events
        .filter((e) => e.kind === "status" || e.kind === "error")
        .map((e) => [e.seq, e.data]),
    ),
  ).toBeTruthy();
  expect(new Date(resumed!.at).getTime() - killedAt).toBeLessThan(15_000);
});

test("Redis restarts mid-run: the nodes reconnect by themselves and the browser on node B misses nothing", async ({
  page,
  request,
}) => {
  if (!workers.some((w) => w.exitCode === null && !w.killed)) await startWorker();
  await signIn(page);

  const runId = await startRunOnNodeA(request, `Redis blip ${Date.now()}`);
  await page.goto(`/runs/${runId}`);
  await expect
    .poll(async () => (await runOf(request, runId)).turns, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  const redisUrl = new URL(clusterEnv().REDIS_URL);
  const port = redisUrl.port || "6379";
  spawnSync("redis-cli", ["-p", port, "shutdown", "nosave"]);
  await new Promise((r) => setTimeout(r, 1500)); // the agent goes on meanwhile
  expect(
    spawnSync("redis-server", [
      "--bind",
      "127.0.0.1",
      "--port",
      port,
      "--daemonize",
      "yes",
      "--save",
      "",
      "--appendonly",
      "no",
    ]).status,
  ).toBe(0);

  // The agent stops to ask before running the tests: while it waits, steer it from node B.
  await expect
    .poll(async () => (await runOf(request, runId)).status, { timeout: 30_000 })
    .toBe("waiting");
  await page.getByLabel("Feedback for the agent").fill("After the Redis restart");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const receipt = page.getByTestId("receipt").filter({ hasText: "After the Redis restart" });
  await expect(receipt).toBeVisible();
  // The answer, given on node A, reaches the worker through the restarted Redis.
  const { decisions } = await (
    await request.get(`${A}/api/v1/decisions?status=open&runId=${runId}`, { headers })
  ).json();
  expect(decisions).toHaveLength(1);
  await request.post(`${A}/api/v1/decisions/${decisions[0].id}/answer`, {
    headers,
    data: { option: "allow", clientKey: `blip-${decisions[0].id}` },
  });
  await expect
    .poll(async () => (await runOf(request, runId)).status, { timeout: 60_000 })
    .toBe("completed");
  await expect(receipt).toHaveAttribute("data-status", "acknowledged", { timeout: 30_000 });

  await expectWholeHistory(page, request, runId);
});

test("PostgreSQL restarts mid-run: the nodes reconnect by themselves, the run goes on, nothing acknowledged is lost", async ({
  page,
  request,
}) => {
  const ctl = process.env.TEST_POSTGRES_CTL; // e.g. "pg_ctlcluster 15 main" (.ci/run sets it)
  test.skip(!ctl, "TEST_POSTGRES_CTL names how to stop and start the PostgreSQL server");
  if (!workers.some((w) => w.exitCode === null && !w.killed)) await startWorker();
  await signIn(page);

  const runId = await startRunOnNodeA(request, `Database restart ${Date.now()}`);
  await page.goto(`/runs/${runId}`);
  await page.getByLabel("Feedback for the agent").fill("Before the database restart");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const receipt = page.getByTestId("receipt").filter({ hasText: "Before the database restart" });
  await expect(receipt).toHaveAttribute("data-status", "acknowledged", { timeout: 30_000 });
  const before = (await runOf(request, runId)).lastSeq;

  const [cmd, ...args] = ctl!.split(" ");
  expect(spawnSync(cmd, [...args, "stop"]).status).toBe(0);
  await new Promise((r) => setTimeout(r, 3000)); // the agent goes on; its events wait on the worker
  expect(spawnSync(cmd, [...args, "start"]).status).toBe(0);

  // The answer, given on node A once it reaches the database again, lets the agent finish.
  await allowUntilCompleted(request, [runId]);
  const stored = await expectWholeHistory(page, request, runId);
  expect(stored.lastSeq).toBeGreaterThan(before);
  await expect(receipt).toHaveAttribute("data-status", "acknowledged");
});

test("a browser on node B stops a run executing on a worker: the worker ends it, every node shows it stopped", async ({
  page,
  request,
}) => {
  if (!workers.some((w) => w.exitCode === null && !w.killed)) await startWorker();
  await signIn(page);
  const runId = await startRunOnNodeA(request, `Stopped from B ${Date.now()}`);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-turns")).toHaveText(/Turn [1-9]\d*\/30/);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.locator(".run-status")).toHaveText("Stopped", { timeout: 20_000 });
  expect(await runOf(request, runId)).toMatchObject({
    status: "killed",
    error: "Stopped by a person.",
  });
});

test("the run queue spreads runs over the workers with room; one more waits, queued, until a slot frees", async ({
  request,
}) => {
  // Two workers with room for one run each (the earlier ones go, draining, on SIGTERM).
  for (const w of workers.splice(0)) if (w.exitCode === null) w.kill("SIGTERM");
  await Promise.all([
    startWorker({ HIVEBOARD_MAX_RUNS: "1" }),
    startWorker({ HIVEBOARD_MAX_RUNS: "1" }),
  ]);
  const runs: string[] = [];
  for (let i = 0; i < 3; i++)
    runs.push(await startRunOnNodeA(request, `Queued ${i} ${Date.now()}`));
  const statuses = async () =>
    Promise.all(runs.map(async (id) => (await runOf(request, id)).status as string));
  // Two start at once (one per worker); the third waits for a free slot.
  await expect
    .poll(async () => (await statuses()).filter((s) => s !== "queued").length, { timeout: 30_000 })
    .toBe(2);
  expect((await statuses()).filter((s) => s === "queued")).toHaveLength(1);
  const db = new Client({ connectionString: clusterEnv().DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(
    `SELECT DISTINCT "ownerId" FROM "Run" WHERE id = ANY($1) AND "ownerId" IS NOT NULL`,
    [runs],
  );
  await db.end();
  expect(rows).toHaveLength(2);
  // Each agent stops to ask before running the tests: allow, until all three are done.
  await allowUntilCompleted(request, runs, 90_000);
});

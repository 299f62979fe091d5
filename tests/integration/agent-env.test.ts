// Agents are untrusted: a command phase and an agent that print their environment see none of the
// server's settings or secrets, only what their tools need and their run's own MCP address and key.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { controlRun, startRun } from "@/lib/run-engine";
import { saveProjectSettings } from "@/lib/services/project-settings";
import { freshDb, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const SECRETS = {
  HIVEBOARD_ADMIN_API_KEY: "admin-key-that-agents-must-never-see-0123",
  BETTER_AUTH_SECRET: "auth-secret-that-agents-must-never-see-0123456789",
};
Object.assign(process.env, SECRETS);
// What the project's manager gives its agents: a plain variable and a secret (sealed at rest).
const saved = await saveProjectSettings(manager, {
  projectId,
  variables: [
    { name: "DEPLOY_REGION", value: "eu-west-3", secret: false, remove: false },
    { name: "NPM_TOKEN", value: "npm_project-secret-for-agents-42", secret: true, remove: false },
  ],
});
if (!saved.ok) throw new Error(saved.message);
afterAll(() => {
  for (const k of Object.keys(SECRETS)) delete process.env[k];
  delete process.env.HIVEBOARD_DEMO_FAULT;
});

const output = async (runId: string) =>
  (await events(runId))
    .filter((e) => e.kind === "log")
    .map((e) => (e.data as { line: string }).line)
    .join("\n");

function expectNoServerSecrets(text: string) {
  for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
  expect(text).not.toContain(process.env.DATABASE_URL!);
  expect(text).not.toMatch(
    /^(ENV )?(DATABASE_URL|REDIS_URL|BETTER_AUTH_SECRET|HIVEBOARD_ADMIN_API_KEY)=/m,
  );
}

describe("an agent's environment", () => {
  it("a command phase that prints its environment shows no server secret, but its PATH and MCP key", async () => {
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { runner: "command", command: "env" },
    });
    const r = await startRun(manager, { epicId: await freshEpic(projectId) });
    const run = await ended(r.ok ? r.data.runId : "");
    await db.phase.updateMany({
      where: { key: "ANALYZER" },
      data: { runner: "demo", command: null },
    });
    expect(run.status).toBe("completed");
    const text = await output(run.id);
    expect(text).toMatch(/^PATH=/m);
    expect(text).toMatch(/^HIVEBOARD_MCP_KEY=hb_/m);
    expect(text).toMatch(/^DEPLOY_REGION=eu-west-3$/m);
    expect(text).toMatch(/^NPM_TOKEN=npm_project-secret-for-agents-42$/m);
    expectNoServerSecrets(text);
  });

  it("an agent that prints its environment shows no server secret either", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "print-env";
    const r = await startRun(manager, {
      epicId: await freshEpic(projectId, "Print the environment"),
    });
    const runId = r.ok ? r.data.runId : "";
    await waitFor("the agent's environment", async () => /^ENV PATH=/m.test(await output(runId)));
    await controlRun(manager, { runId }, "kill");
    await ended(runId);
    // Read once the run has ended: every line it printed is stored by then (they arrive in batches).
    const text = await output(runId);
    expect(text).toMatch(/^ENV HIVEBOARD_MCP_URL=http/m);
    expect(text).toMatch(/^ENV NPM_TOKEN=npm_project-secret-for-agents-42$/m);
    expectNoServerSecrets(text);
  });

  it("the run's key is never on the agent's command line: it is in a 0600 file, gone after the run", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "print-argv";
    const r = await startRun(manager, { epicId: await freshEpic(projectId, "Print the argv") });
    const runId = r.ok ? r.data.runId : "";
    const line = await waitFor("the agent's command line", async () =>
      (await output(runId)).split("\n").find((l) => l.startsWith("ARGV ")),
    );
    const argv = JSON.parse(line!.slice(5)) as string[];
    expect(argv.join(" ")).not.toMatch(/hb_[A-Za-z0-9_-]{8,}/);
    const configPath = argv[argv.indexOf("--mcp-config") + 1];
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(configPath)).mode & 0o777).toBe(0o700);
    expect(readFileSync(configPath, "utf8")).toMatch(/"x-api-key":"hb_/);
    await controlRun(manager, { runId }, "kill");
    await ended(runId);
    await waitFor("the file removed", async () => !existsSync(configPath));
  });
});

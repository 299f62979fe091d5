// A project's pipeline, settings (variables and secrets for agents) and tool-permission rules, as a
// script reaches them over REST and a manager on the settings page: the same actions, the same
// messages; secrets sealed at rest, write-only, opened only into a launching agent.
import { describe, expect, it } from "vitest";
import * as pipelineRoute from "@/app/api/v1/projects/[slug]/pipeline/route";
import * as settingsRoute from "@/app/api/v1/projects/[slug]/settings/route";
import * as rulesRoute from "@/app/api/v1/projects/[slug]/permission-rules/route";
import * as ruleRoute from "@/app/api/v1/permission-rules/[id]/route";
import { runActionAs } from "@/lib/actions/define-action";
import { ACTIONS } from "@/lib/actions/catalog";
import { generateKey } from "@/lib/auth/api-keys";
import { startRun } from "@/lib/run-engine";
import { freshDb, makeProject, manager } from "../setup/db";
import { demoProjectId, ended, events, freshEpic } from "../setup/runs";

const db = await freshDb();
await demoProjectId();
const project = await makeProject("settings-rest");
const slug = project.slug;

async function keyFor(role: string) {
  const k = generateKey();
  await db.apiKey.create({ data: { name: role, role, prefix: k.prefix, hash: k.hash } });
  return k.key;
}
const managerKey = await keyFor("manager");
const developerKey = await keyFor("developer");

type Handler = (r: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(
  handler: Handler,
  method: string,
  path: string,
  body?: unknown,
  opts: { key?: string; type?: string; accept?: string; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "x-api-key": opts.key ?? managerKey };
  headers["content-type"] = opts.type ?? "application/json";
  if (opts.accept) headers.accept = opts.accept;
  const res = await handler(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(opts.params ?? { slug }) },
  );
  const text = await res.text();
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* YAML or empty */
  }
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, body: json };
}

describe("project settings over REST", () => {
  it("sets variables and secrets; secrets are sealed at rest and never read back", async () => {
    const put = await call(settingsRoute.PUT, "PUT", `/projects/${slug}/settings`, {
      variables: [
        { name: "DEPLOY_REGION", value: "eu-west-3" },
        { name: "NPM_TOKEN", value: "npm_write-only-123456", secret: true },
      ],
      developersAnswerApprovals: true,
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.developersAnswerApprovals).toBe(true);
    expect(put.body.variables).toEqual([
      expect.objectContaining({ name: "DEPLOY_REGION", secret: false, value: "eu-west-3" }),
      expect.objectContaining({ name: "NPM_TOKEN", secret: true, value: null }),
    ]);
    expect(put.text).not.toContain("npm_write-only-123456");

    const got = await call(settingsRoute.GET, "GET", `/projects/${slug}/settings`);
    expect(got.status).toBe(200);
    expect(got.text).not.toContain("npm_write-only-123456");
    expect(got.body.variables.map((v: { name: string }) => v.name)).toEqual([
      "DEPLOY_REGION",
      "NPM_TOKEN",
    ]);

    const row = await db.projectVariable.findFirstOrThrow({ where: { name: "NPM_TOKEN" } });
    expect(row.value).toMatch(/^v1\./);
    expect(row.value).not.toContain("npm_write-only");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "project.settings", projectId: project.id },
      orderBy: { at: "desc" },
    });
    expect(JSON.stringify(audit.data)).not.toContain("npm_write-only");

    // Removing by name; names not mentioned stay.
    const removed = await call(settingsRoute.PUT, "PUT", `/projects/${slug}/settings`, {
      variables: [{ name: "DEPLOY_REGION", remove: true }],
    });
    expect(removed.body.variables.map((v: { name: string }) => v.name)).toEqual(["NPM_TOKEN"]);
  });

  it("refuses bad settings with the field and the fix, and writes nothing", async () => {
    const before = await db.projectVariable.count();
    const cases: [unknown, string, RegExp][] = [
      [
        { variables: [{ name: "1ABC", value: "x" }] },
        "variables.0.name",
        /not starting with a digit/,
      ],
      [
        { variables: [{ name: "HIVEBOARD_MCP_KEY", value: "x" }] },
        "variables.0.name",
        /Hiveboard's own/,
      ],
      [{ variables: [{ name: "PATH", value: "/tmp" }] }, "variables.0.name", /sets this one/],
      [
        { variables: [{ name: "TOKEN", value: "", secret: true }] },
        "variables.0.value",
        /secret's value/,
      ],
      [
        {
          variables: [
            { name: "A", value: "1" },
            { name: "A", value: "2" },
          ],
        },
        "variables.1.name",
        /named twice/,
      ],
      [{ automagik: { url: "ftp://x" } }, "automagik.url", /base URL/],
      [{ developersAnswerApprovals: "yes" }, "developersAnswerApprovals", /true or false/],
    ];
    for (const [body, field, message] of cases) {
      const r = await call(settingsRoute.PUT, "PUT", `/projects/${slug}/settings`, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.details[field], JSON.stringify(r.body)).toMatch(message);
    }
    expect(await db.projectVariable.count()).toBe(before);
    // The settings page's action gives the same words.
    const page = await runActionAs(ACTIONS.setProjectVariable, manager, {
      projectId: project.id,
      name: "1ABC",
      value: "x",
    });
    expect(!page.ok && page.fieldErrors?.name).toMatch(/not starting with a digit/);
  });

  it("only managers and admins read or change settings", async () => {
    const read = await call(settingsRoute.GET, "GET", `/projects/${slug}/settings`, undefined, {
      key: developerKey,
    });
    expect(read.status).toBe(403);
    const write = await call(
      settingsRoute.PUT,
      "PUT",
      `/projects/${slug}/settings`,
      { variables: [{ name: "X", value: "1" }] },
      { key: developerKey },
    );
    expect(write.status).toBe(403);
    const missing = await call(settingsRoute.GET, "GET", `/projects/nope/settings`, undefined, {
      params: { slug: "nope" },
    });
    expect(missing.status).toBe(404);
  });

  it("a secret the server can no longer open fails the run with its name, never starts the agent blind", async () => {
    const projectId = await demoProjectId();
    await db.projectVariable.create({
      data: { projectId, name: "STALE_TOKEN", value: "v1.AAAA.BBBB.CCCC", secret: true },
    });
    try {
      const r = await startRun(manager, { epicId: await freshEpic(projectId) });
      const run = await ended(r.ok ? r.data.runId : "");
      expect(run.status).toBe("failed");
      const error = (await events(run.id)).find((e) => e.kind === "error");
      expect((error?.data as { message: string }).message).toMatch(
        /STALE_TOKEN cannot be read.*enter it again/,
      );
    } finally {
      await db.projectVariable.deleteMany({ where: { name: "STALE_TOKEN" } });
    }
  });
});

describe("the pipeline over REST", () => {
  it("reads it as JSON or as pipeline.yaml (no anchors), and writes it back as YAML", async () => {
    const json = await call(pipelineRoute.GET, "GET", `/projects/${slug}/pipeline`);
    expect(json.status).toBe(200);
    expect(json.body.phases.map((p: { key: string }) => p.key)).toEqual([
      "ANALYZER",
      "BUILDER",
      "TESTER",
      "VALIDATOR",
      "DEPLOYER",
    ]);
    const yaml = await call(pipelineRoute.GET, "GET", `/projects/${slug}/pipeline`, undefined, {
      accept: "application/yaml",
    });
    expect(yaml.type).toMatch(/application\/yaml/);
    expect(yaml.text).toMatch(/^phases:/m);
    expect(yaml.text).not.toMatch(/[&*]a\d/);

    const edited = yaml.text.replace("maxTurns: 30", "maxTurns: 42");
    const put = await call(pipelineRoute.PUT, "PUT", `/projects/${slug}/pipeline`, edited, {
      type: "application/yaml",
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.phases).toBe(5);
    const after = await call(pipelineRoute.GET, "GET", `/projects/${slug}/pipeline`);
    expect(after.body.phases[0].maxTurns).toBe(42);
  });

  it("takes the spec as JSON too; errors name the line and field like the pipeline page", async () => {
    const json = await call(pipelineRoute.GET, "GET", `/projects/${slug}/pipeline`);
    const spec = json.body;
    spec.phases = spec.phases.slice(0, 3);
    const ok = await call(pipelineRoute.PUT, "PUT", `/projects/${slug}/pipeline`, spec);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.phases).toBe(3);

    const bad = await call(pipelineRoute.PUT, "PUT", `/projects/${slug}/pipeline`, {
      phases: [{ key: "lower", name: "X", workflow: "w", runner: "robot" }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("invalid-pipeline");
    const messages = Object.values(bad.body.error.details).join(" | ");
    expect(messages).toMatch(/A phase key is UPPER_CASE/);
    expect(messages).toMatch(/runner is one of claude-code, demo, command, automagik/);

    const yamlBad = await call(
      pipelineRoute.PUT,
      "PUT",
      `/projects/${slug}/pipeline`,
      "phases:\n  - key: BUILDER\n    name: Build\n    workflow: implement\n    maxTurns: 900\n",
      { type: "application/yaml" },
    );
    expect(yamlBad.status).toBe(422);
    expect(yamlBad.body.error.details).toEqual({
      "line 5 phases[0].maxTurns": "maxTurns is 1 to 200",
    });
    const still = await call(pipelineRoute.GET, "GET", `/projects/${slug}/pipeline`);
    expect(still.body.phases).toHaveLength(3);

    const developer = await call(pipelineRoute.PUT, "PUT", `/projects/${slug}/pipeline`, spec, {
      key: developerKey,
    });
    expect(developer.status).toBe(403);
  });
});

describe("permission rules over REST", () => {
  it("adds, lists and removes a rule; a bad rule says how to write one", async () => {
    const added = await call(rulesRoute.POST, "POST", `/projects/${slug}/permission-rules`, {
      rule: "Bash(npm test:*)",
      behavior: "allow",
      phase: "BUILDER",
    });
    expect(added.status, added.text).toBe(201);
    const list = await call(rulesRoute.GET, "GET", `/projects/${slug}/permission-rules`);
    expect(list.body.rules).toEqual([
      expect.objectContaining({ rule: "Bash(npm test:*)", behavior: "allow", phase: "BUILDER" }),
    ]);
    const bad = await call(rulesRoute.POST, "POST", `/projects/${slug}/permission-rules`, {
      rule: "Bash(",
      behavior: "maybe",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.behavior).toBe("Choose allow, deny or ask");
    expect(bad.body.error.details.rule).toBeTruthy();
    const removed = await call(
      ruleRoute.DELETE,
      "DELETE",
      `/permission-rules/${added.body.id}`,
      undefined,
      { params: { id: added.body.id } },
    );
    expect(removed.status).toBe(200);
    const none = await call(rulesRoute.GET, "GET", `/projects/${slug}/permission-rules`);
    expect(none.body.rules).toEqual([]);
  });
});

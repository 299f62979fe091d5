// The REST API as a script would use it: through the real route handlers, with an API key, on a
// real SQLite file, running the real demo agent. And the OpenAPI document read off the same schemas.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as epicsRoute from "@/app/api/v1/epics/route";
import * as epicRoute from "@/app/api/v1/epics/[id]/route";
import * as moveRoute from "@/app/api/v1/epics/[id]/move/route";
import * as todosRoute from "@/app/api/v1/epics/[id]/todos/route";
import * as todoRoute from "@/app/api/v1/todos/[id]/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as eventsRoute from "@/app/api/v1/runs/[id]/events/route";
import * as feedbackRoute from "@/app/api/v1/runs/[id]/feedback/route";
import * as patternsRoute from "@/app/api/v1/patterns/route";
import * as projectsRoute from "@/app/api/v1/projects/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { generateKey } from "@/lib/auth/api-keys";
import { OPERATIONS } from "@/lib/http/api";
import { freshDb } from "../setup/db";
import { demoProjectId, ended, waitFor } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const k = generateKey();
await db.apiKey.create({
  data: { name: "script", role: "manager", prefix: k.prefix, hash: k.hash },
});

type Handler = (
  request: Request,
  ctx?: { params: Promise<Record<string, string>> },
) => Promise<Response>;
async function call(
  handler: Handler,
  method: string,
  url: string,
  body?: unknown,
  params: Record<string, string> = {},
) {
  const init: RequestInit = {
    method,
    headers: { "x-api-key": k.key, "content-type": "application/json" },
  };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await handler(new Request(`http://localhost/api/v1${url}`, init), {
    params: Promise.resolve(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("REST /api/v1", () => {
  it("every operation has a route file exporting its method", () => {
    for (const op of OPERATIONS) {
      const file = `app/api/v1${op.path.replace(/\{(\w+)\}/g, (_m, name) => `[${name === "slug" ? "slug" : "id"}]`)}/route.ts`;
      expect(existsSync(file), `${op.method} ${op.path} → ${file}`).toBe(true);
      expect(readFileSync(file, "utf8")).toMatch(
        new RegExp(`export const ${op.method} = handler\\(`),
      );
    }
  });

  it("creates, lists (a page at a time), edits and moves epics; todos too", async () => {
    const ids: string[] = [];
    for (const title of ["REST one", "REST two", "REST three"]) {
      const r = await call(epicsRoute.POST, "POST", "/epics", {
        projectId,
        title,
        type: "feature",
        priority: "high",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    const first = await call(epicsRoute.GET, "GET", `/epics?project=demo&q=rest&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.epics.map((e: { title: string }) => e.title)).toEqual([
      "REST one",
      "REST two",
    ]);
    const second = await call(
      epicsRoute.GET,
      "GET",
      `/epics?project=demo&q=rest&limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.epics.map((e: { title: string }) => e.title)).toEqual(["REST three"]);
    expect(second.body.next_cursor).toBeNull();

    const put = await call(
      epicRoute.PUT,
      "PUT",
      `/epics/${ids[0]}`,
      { title: "REST one, renamed", type: "bug", priority: "low" },
      { id: ids[0] },
    );
    expect(put.status).toBe(200);
    const todo = await call(
      todosRoute.POST,
      "POST",
      `/epics/${ids[0]}/todos`,
      { content: "Write the migration" },
      { id: ids[0] },
    );
    expect(todo.status).toBe(201);
    expect(
      (
        await call(
          todoRoute.PUT,
          "PUT",
          `/todos/${todo.body.id}`,
          { status: "completed" },
          { id: todo.body.id },
        )
      ).status,
    ).toBe(200);
    const moved = await call(
      moveRoute.POST,
      "POST",
      `/epics/${ids[0]}/move`,
      { to: "BUILDER" },
      { id: ids[0] },
    );
    expect(moved.status).toBe(200);
    const detail = await call(epicRoute.GET, "GET", `/epics/${ids[0]}`, undefined, { id: ids[0] });
    expect(detail.body).toMatchObject({
      title: "REST one, renamed",
      type: "bug",
      priority: "low",
      phase: "BUILDER",
    });
    expect(detail.body.todos).toMatchObject([
      { content: "Write the migration", status: "completed" },
    ]);
    expect(
      (await call(epicRoute.DELETE, "DELETE", `/epics/${ids[2]}`, undefined, { id: ids[2] }))
        .status,
    ).toBe(200);
    expect(
      (await call(epicRoute.GET, "GET", `/epics/${ids[2]}`, undefined, { id: ids[2] })).status,
    ).toBe(404);
  });

  it("starts a run, follows its events after a seq, sends feedback, lists it", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval"; // no tool-approval stop on the way
    const epic = await call(epicsRoute.POST, "POST", "/epics", {
      projectId,
      title: "REST run",
      type: "feature",
      priority: "medium",
    });
    const started = await call(runsRoute.POST, "POST", "/runs", { epicId: epic.body.id });
    expect(started.status).toBe(201);
    const runId = started.body.runId as string;
    await waitFor(
      "the first turn",
      async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).turns >= 1,
    );
    const fb = await call(
      feedbackRoute.POST,
      "POST",
      `/runs/${runId}/feedback`,
      { message: "Prefer small functions", clientKey: "rest-feedback-1" },
      { id: runId },
    );
    expect(fb.status).toBe(200);
    expect(fb.body).toMatchObject({ runId, duplicate: false });
    const again = await call(
      feedbackRoute.POST,
      "POST",
      `/runs/${runId}/feedback`,
      { message: "Prefer small functions", clientKey: "rest-feedback-1" },
      { id: runId },
    );
    expect(again.body).toMatchObject({ feedbackId: fb.body.feedbackId, duplicate: true });
    await ended(runId);
    delete process.env.HIVEBOARD_DEMO_FAULT;

    const status = await call(runRoute.GET, "GET", `/runs/${runId}`, undefined, { id: runId });
    expect(status.body).toMatchObject({ id: runId, status: "completed", phase: "ANALYZER" });
    const all = await call(eventsRoute.GET, "GET", `/runs/${runId}/events?after=0`, undefined, {
      id: runId,
    });
    const later = await call(
      eventsRoute.GET,
      "GET",
      `/runs/${runId}/events?after=3&limit=2`,
      undefined,
      { id: runId },
    );
    expect(later.body.events.map((e: { seq: number }) => e.seq)).toEqual([4, 5]);
    expect(later.body.more).toBe(true);
    // Paging back from the end: the last 2 below seq 4, in order; older ones remain.
    const earlier = await call(
      eventsRoute.GET,
      "GET",
      `/runs/${runId}/events?before=4&limit=2`,
      undefined,
      { id: runId },
    );
    expect(earlier.body.events.map((e: { seq: number }) => e.seq)).toEqual([2, 3]);
    expect(earlier.body.more).toBe(true);
    const first = await call(
      eventsRoute.GET,
      "GET",
      `/runs/${runId}/events?before=3&limit=5`,
      undefined,
      { id: runId },
    );
    expect(first.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(first.body.more).toBe(false);
    expect(all.body.lastSeq).toBe(status.body.lastSeq);

    const listed = await call(runsRoute.GET, "GET", `/runs?epicId=${epic.body.id}`);
    expect(listed.body.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    const withFeedback = await call(
      runsRoute.GET,
      "GET",
      `/runs?projectId=${projectId}&focus=interventions`,
    );
    expect(withFeedback.body.runs.map((r: { id: string }) => r.id)).toContain(runId);
  });

  it("refuses bad input with 4xx naming the field, and writes nothing", async () => {
    const before = await Promise.all([
      db.epic.count(),
      db.todo.count(),
      db.run.count(),
      db.auditLog.count(),
    ]);
    const bad = await call(epicsRoute.POST, "POST", "/epics", {
      projectId,
      title: "x",
      type: "feature",
      priority: "urgent",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "invalid-input",
      details: {
        title: "Title needs at least 3 characters",
        priority: "Priority is high, medium or low",
      },
    });
    expect((await call(epicsRoute.POST, "POST", "/epics", "{not json")).body.error.code).toBe(
      "invalid-json",
    );
    expect((await call(epicsRoute.POST, "POST", "/epics", [1, 2])).status).toBe(422);
    expect((await call(epicsRoute.GET, "GET", "/epics")).body.error.details).toEqual({
      project: "project is required: the project's slug or id",
    });
    expect((await call(epicsRoute.GET, "GET", "/epics?project=nope")).status).toBe(404);
    expect((await call(runsRoute.GET, "GET", "/runs?limit=1000")).body.error.details).toEqual({
      limit: "limit is at most 200",
    });
    expect(
      (
        await call(
          todosRoute.POST,
          "POST",
          "/epics/missing/todos",
          { content: "x" },
          { id: "missing" },
        )
      ).status,
    ).toBe(404);
    expect((await call(runsRoute.POST, "POST", "/runs", { epicId: "missing" })).status).toBe(404);
    expect(
      await Promise.all([db.epic.count(), db.todo.count(), db.run.count(), db.auditLog.count()]),
    ).toEqual(before);
  });

  it("searches patterns and lists projects", async () => {
    await call(patternsRoute.POST, "POST", "/patterns", {
      name: "Outbox table",
      description: "Write events in the same transaction",
      tags: ["events"],
    });
    const found = await call(patternsRoute.GET, "GET", "/patterns?q=transaction");
    expect(found.body.patterns.map((p: { name: string }) => p.name)).toContain("Outbox table");
    const projects = await call(projectsRoute.GET, "GET", "/projects");
    expect(projects.body.projects).toContainEqual({
      id: projectId,
      slug: "demo",
      name: expect.any(String),
    });
  });

  it("serves an OpenAPI 3.1 document generated from the schemas", async () => {
    const { status, body } = await call(openapiRoute.GET as Handler, "GET", "/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    for (const op of OPERATIONS)
      expect(body.paths[op.path][op.method.toLowerCase()], `${op.method} ${op.path}`).toBeTruthy();
    const create = body.paths["/epics"].post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(["title", "type", "priority", "projectId"]),
    );
    expect(schema.properties.priority.enum).toEqual(["high", "medium", "low"]);
    const feedback = body.paths["/runs/{id}/feedback"].post;
    expect(feedback.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: expect.any(Object) },
    ]);
    expect(
      feedback.requestBody.content["application/json"].schema.properties.runId,
    ).toBeUndefined();
    expect(
      body.paths["/runs/{id}/events"].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(["id", "after", "before", "limit"]);
    expect(create.responses["422"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Error",
    });
    const anonymous = await openapiRoute.GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(anonymous.status).toBe(401);
  });
});

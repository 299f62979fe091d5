// Hiveboard as a drop-in Automagik workflows server: every answer a real client reads, checked
// against the real server's models (tests/fixtures/automagik/contract.ts) — fields, types, time
// formats, floats written as floats — on a real run of the demo agent through the real routes.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { POST as startRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/route";
import { GET as statusRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/status/route";
import { POST as addMessageRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/add-message/route";
import { POST as killRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/kill/route";
import { POST as cleanupRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/cleanup/route";
import { GET as queueRoute } from "@/app/api/v1/workflows/claude-code/run/[name]/message-queue/route";
import { GET as runsRoute } from "@/app/api/v1/workflows/claude-code/runs/route";
import { GET as manageRoute } from "@/app/api/v1/workflows/claude-code/manage/route";
import { generateKey } from "@/lib/auth/api-keys";
import * as contract from "../fixtures/automagik/contract";
import { freshDb } from "../setup/db";
import { demoProjectId, ended, waitFor } from "../setup/runs";

const db = await freshDb();
await demoProjectId();
const k = generateKey();
await db.apiKey.create({
  data: { name: "client", role: "manager", prefix: k.prefix, hash: k.hash },
});

type Handler = (r: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, method: string, path: string, name?: string, body?: unknown) {
  const res = await handler(
    new Request(`http://localhost/api/v1/workflows/claude-code${path}`, {
      method,
      headers: { "x-api-key": k.key, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve<Record<string, string>>(name ? { name } : {}) },
  );
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as unknown };
}

/** The answer meets the real server's model: every field it sends, with its type and format. */
function meets<S extends z.ZodType>(schema: S, answer: { body: unknown }): z.output<S> {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success)
    throw new Error(
      `Not what the real server sends:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  return parsed.data;
}

describe("the Automagik workflows API, field for field", () => {
  it("a run from start to end answers in the real server's shapes", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    try {
      const workflows = await call(manageRoute, "GET", "/manage");
      expect(workflows.status).toBe(200);
      expect(Array.isArray(workflows.body)).toBe(true);
      for (const w of workflows.body as unknown[]) meets(contract.WorkflowInfo, { body: w });

      const start = await call(startRoute, "POST", "/run/implement", "implement", {
        message: "Add a status page",
        max_turns: 20,
        session_name: "Contract run",
      });
      const started = meets(contract.RunStarted, start);
      const runId = started.run_id;

      // While it runs: the lifecycle phase moves on from initialization, started_at stays put.
      const first = meets(
        contract.Status,
        await call(statusRoute, "GET", `/run/${runId}/status`, runId),
      );
      const working = await waitFor("a tool use", async () => {
        const s = meets(
          contract.Status,
          await call(statusRoute, "GET", `/run/${runId}/status`, runId),
        );
        return s.status === "running" && s.metrics.tools_used.length > 0 ? s : null;
      });
      expect(working.started_at).toBe(first.started_at);
      expect(working.progress.is_running).toBe(true);
      expect(working.completed_at).toBeNull();
      expect(["planning", "analysis", "implementation"]).toContain(working.progress.current_phase);
      expect(working.progress.phases_completed[0]).toBe("initialization");
      expect(working.result.success).toBe(false);

      const added = await call(addMessageRoute, "POST", `/run/${runId}/add-message`, runId, {
        message_type: "user",
        content: "Keep the page small",
      });
      const message = meets(contract.MessageAdded, added);
      expect(message.queue_stats.total_added).toBe(1);
      meets(
        contract.MessageQueue,
        await call(queueRoute, "GET", `/run/${runId}/message-queue`, runId),
      );

      await ended(runId);
      const doneAnswer = await call(statusRoute, "GET", `/run/${runId}/status`, runId);
      const done = meets(contract.Status, doneAnswer);
      expect(done).toMatchObject({
        status: "completed",
        started_at: first.started_at,
        progress: { current_phase: "completed", is_running: false, completion_percentage: 100 },
        result: { success: true, completion_type: "completed_successfully" },
      });
      expect(done.progress.phases_completed).toContain("implementation");
      expect(done.metrics.tools_used).toEqual(expect.arrayContaining(["TodoWrite", "Edit"]));
      expect(done.result.files_changed.length).toBeGreaterThan(0);
      // Cache tokens as the agent reported them (the demo agent reports them as Claude Code does).
      expect(done.metrics.tokens.cache_read).toBeGreaterThan(0);
      expect(done.metrics.tokens.cache_created).toBeGreaterThan(0);
      expect(done.metrics.tokens.total).toBe(
        done.metrics.tokens.input + done.metrics.tokens.output,
      );
      // Floats as Python writes them, even when whole.
      expect(doneAnswer.text).toContain('"completion_percentage":100.0');
      expect(doneAnswer.text).toMatch(/"execution_time_seconds":\d+\.\d+/);
      expect(doneAnswer.text).toMatch(/"performance_score":\d+\.\d+/);

      const list = meets(
        contract.RunsList,
        await call(runsRoute, "GET", "/runs?page=1&page_size=5"),
      );
      expect(list.runs.map((r) => r.run_id)).toContain(runId);

      const cleaned = await call(cleanupRoute, "POST", `/run/${runId}/cleanup`, runId);
      meets(contract.Cleaned, cleaned);

      // An ended run takes no message, in the real server's words and status.
      const late = await call(addMessageRoute, "POST", `/run/${runId}/add-message`, runId, {
        message_type: "user",
        content: "one more thing",
      });
      expect(late.status).toBe(400);
      expect(meets(contract.HttpError, late).detail).toBe(
        "Cannot add messages to workflow in completed state",
      );
    } finally {
      delete process.env.HIVEBOARD_DEMO_FAULT;
    }
  });

  it("kill answers as the real server, and the status then reads killed", async () => {
    process.env.HIVEBOARD_DEMO_FAULT = "no-approval";
    try {
      const start = await call(startRoute, "POST", "/run/architect", "architect", {
        // A decision to wait on keeps it running until the kill, however fast the machine.
        message: "Plan a search feature: a decision on the index",
        session_name: "Contract kill",
      });
      const runId = meets(contract.RunStarted, start).run_id;
      await waitFor(
        "a turn",
        async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).turns >= 1,
      );
      meets(contract.Killed, await call(killRoute, "POST", `/run/${runId}/kill`, runId));
      await ended(runId);
      const s = meets(
        contract.Status,
        await call(statusRoute, "GET", `/run/${runId}/status`, runId),
      );
      expect(s).toMatchObject({ status: "killed", result: { success: false } });
      expect(s.progress.current_phase).toBe("failed");
      const missing = await call(statusRoute, "GET", "/run/nope/status", "nope");
      expect(missing.status).toBe(404);
      meets(contract.HttpError, missing);
    } finally {
      delete process.env.HIVEBOARD_DEMO_FAULT;
    }
  });
});

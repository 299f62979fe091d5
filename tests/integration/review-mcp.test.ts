// The review tools over MCP, with the official client against the real route: an orchestrator
// reads a run's diff, comments on a line, sends the comment (a follow-up run acts on it), checks
// the merge and merges; a viewer's key and a run's own key are refused what they may not do.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { POST as mcpRoute } from "@/app/api/mcp/route";
import { generateKey } from "@/lib/auth/api-keys";
import { startRun } from "@/lib/run-engine";
import { freshDb, manager } from "../setup/db";
import { serveRoute } from "../setup/http-route";
import { allowToolApproval, demoProjectId, ended, freshEpic } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
const server = serveRoute(mcpRoute);

async function connect(role: string, runId?: string) {
  const k = generateKey();
  await db.apiKey.create({
    data: { name: `${role} mcp`, role, prefix: k.prefix, hash: k.hash, runId: runId ?? null },
  });
  const client = new Client({ name: "review-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url()}/api/mcp`), {
      requestInit: { headers: { "x-api-key": k.key } },
    }),
  );
  return client;
}
type Result = {
  isError?: boolean;
  structuredContent?: Record<string, any>;
  content: { text: string }[];
};
const call = async (c: Client, name: string, args: Record<string, unknown>) =>
  (await c.callTool({ name, arguments: args })) as Result;

describe("review over MCP", () => {
  it("reads a diff, comments on a line, sends it to a follow-up run, and merges", async () => {
    const epicId = await freshEpic(projectId, "Reviewed over MCP");
    const r = await startRun(manager, { epicId });
    if (!r.ok) throw new Error(r.message);
    await allowToolApproval(r.data.runId);
    await ended(r.data.runId);
    const orchestrator = await connect("manager");

    const diff = await call(orchestrator, "get_diff", { run_id: r.data.runId });
    expect(diff.isError).toBeFalsy();
    const file = (diff.structuredContent!.files as { path: string; added: number }[]).find((f) =>
      f.path.startsWith("notes/"),
    )!;
    expect(file.added).toBeGreaterThan(0);
    expect(diff.structuredContent!.diff).toContain(`+++ b/${file.path}`);

    const bad = await call(orchestrator, "comment_on_line", {
      epic_id: epicId,
      run_id: r.data.runId,
      path: file.path,
      line: 0,
      body: "x",
    });
    expect(bad).toMatchObject({ isError: true });
    expect(bad.content[0].text).toContain("Lines count from 1");

    const comment = await call(orchestrator, "comment_on_line", {
      epic_id: epicId,
      run_id: r.data.runId,
      path: file.path,
      line: 1,
      body: "Say what this step is for.",
    });
    expect(comment.structuredContent).toMatchObject({ status: "draft" });
    const sent = await call(orchestrator, "send_comments", { epic_id: epicId });
    expect(sent.structuredContent).toMatchObject({ sent: 1 });
    const followUp = sent.structuredContent!.runId as string;
    await allowToolApproval(followUp);
    await ended(followUp);
    expect(
      await db.reviewComment.findUniqueOrThrow({ where: { id: comment.structuredContent!.id } }),
    ).toMatchObject({ status: "addressed", addressedRunId: followUp });

    const check = await call(orchestrator, "merge_epic", { epic_id: epicId, dry_run: true });
    expect(check.structuredContent).toMatchObject({ merged: false, conflicts: [] });
    const merged = await call(orchestrator, "merge_epic", { epic_id: epicId, strategy: "squash" });
    expect(merged.structuredContent).toMatchObject({ merged: true, strategy: "squash" });
    await orchestrator.close();
  });

  it("refuses a viewer's key and a run's own key what they may not do", async () => {
    const epicId = await freshEpic(projectId, "Not yours to review");
    const viewer = await connect("viewer");
    for (const [tool, args] of [
      ["comment_on_line", { epic_id: epicId, path: "README.md", line: 1, body: "x" }],
      ["send_comments", { epic_id: epicId }],
      ["review_epic", { epic_id: epicId, verdict: "approve" }],
      ["merge_epic", { epic_id: epicId }],
      ["resolve_conflicts", { epic_id: epicId }],
    ] as const) {
      const res = await call(viewer, tool, args);
      expect(res.isError, tool).toBe(true);
      expect(res.content[0].text).toMatch(/viewer/);
    }
    await viewer.close();
    const run = await db.run.create({
      data: {
        projectId,
        epicId,
        phase: "ANALYZER",
        runner: "demo",
        workflow: "architect",
        maxTurns: 5,
        timeoutSec: 60,
        status: "running",
      },
    });
    const agent = await connect("developer", run.id);
    const merge = await call(agent, "merge_epic", { epic_id: epicId });
    expect(merge).toMatchObject({ isError: true });
    const other = await call(agent, "get_diff", { run_id: "someone-elses-run" });
    expect(other.content[0].text).toMatch(/only on its own run/);
    await agent.close();
    await db.run.update({ where: { id: run.id }, data: { status: "completed" } });
    expect(await db.reviewComment.count({ where: { epicId } })).toBe(0);
  });
});

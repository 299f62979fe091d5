import "server-only";
import { ACTIONS } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AUTOMAGIK_STATUSES } from "@/lib/domain/automagik";
import {
  listWorkflowRuns,
  listWorkflows,
  resolveProject,
  startWorkflowRun,
} from "@/lib/services/automagik-compat";
import { workflowRunStatus } from "@/lib/services/automagik-runs";
import { catalogDoors } from "@/lib/actions/doors";
import { AutomagikRunInputSchema, AutomagikRunsQuerySchema } from "@/lib/schemas/automagik";
import { fieldErrors } from "@/lib/schemas/common";
import { denied, err, fromResult, ok, waitWithProgress } from "./result";

const project = z
  .string()
  .max(40)
  .optional()
  .describe("Project slug; the first project when left out");

/** Runs: start a workflow (and wait for it), steer it, read it. */
export function registerRunTools(server: McpServer, actor: Actor) {
  server.registerTool(
    "run_workflow",
    {
      description:
        "Start a workflow (a pipeline phase: architect, implement, test, review, deploy) on the epic named session_name. With wait=true, reports progress and returns when the run ends.",
      inputSchema: {
        // Checked by the Automagik API's own schema below: the same words as POST /run/{workflow}.
        workflow: z.string().max(60),
        message: z.string().describe("The task for the agent"),
        session_name: z
          .string()
          .optional()
          .describe("The epic's title; created when no epic has it"),
        continue_session: z
          .boolean()
          .default(false)
          .describe("Continue the epic's earlier agent session"),
        max_turns: z.number().optional().describe("1 to 200 (30 when left out)"),
        timeout: z.number().optional().describe("Seconds, 60 to 14400 (7200 when left out)"),
        wait: z
          .boolean()
          .default(false)
          .describe("Wait for the run to end, with progress notifications"),
        project,
      },
    },
    async (args, extra) => {
      const no = denied(actor, "run:start");
      if (no) return no;
      const input = AutomagikRunInputSchema.safeParse({
        message: args.message,
        max_turns: args.max_turns,
        timeout: args.timeout,
        session_name: args.session_name,
        input_format: "text",
      });
      if (!input.success) return err("Some fields need fixing.", fieldErrors(input.error));
      const p = await resolveProject(args.project ?? null);
      if (!p) return err(args.project ? `No project ${args.project}.` : "There is no project yet.");
      const epic =
        args.continue_session && args.session_name
          ? await getDb().epic.findFirst({
              where: { projectId: p.id, title: args.session_name, deletedAt: null },
              orderBy: { number: "desc" },
            })
          : null;
      if (args.continue_session && !epic)
        return err(
          `No epic named “${args.session_name}” to continue: leave continue_session off to start one.`,
        );
      const started = await startWorkflowRun(catalogDoors(actor), p.id, args.workflow, {
        ...input.data,
        session_id: epic?.id,
      });
      if (!started.ok || !args.wait) return fromResult(started);
      const runId = started.data.run_id;
      const final = await waitWithProgress(extra, input.data.timeout + 60, async () => {
        const s = (await workflowRunStatus(runId))!;
        return s.progress.is_running
          ? {
              progress: s.progress.turns,
              total: s.progress.max_turns,
              message: `${s.status}: ${s.progress.current_action ?? `turn ${s.progress.turns}`}`,
            }
          : { done: s };
      });
      return ok(final ?? (await workflowRunStatus(runId))!);
    },
  );

  server.registerTool(
    "send_feedback",
    {
      description:
        "Send a message into a running agent (delivered at its next step; interrupt stops the current step). To an ended run, it continues the run as a follow-up.",
      inputSchema: {
        // Checked by the catalog's feedback action: the same words as REST and the run page.
        run_id: z.string().max(64),
        message: z.string(),
        mode: z.string().default("send").describe("send, or interrupt (stops the current step)"),
        client_key: z
          .string()
          .optional()
          .describe("8 to 64 characters: the same key twice delivers once"),
      },
    },
    async (args) => {
      const no = denied(actor, "run:steer");
      if (no) return no;
      return fromResult(
        await runActionAs(ACTIONS.sendFeedback, actor, {
          runId: args.run_id,
          message: args.message,
          mode: args.mode,
          clientKey: args.client_key ?? `mcp-${crypto.randomUUID()}`,
        }),
      );
    },
  );

  server.registerTool(
    "get_run_status",
    {
      description: "A run's status, turns, cost, tokens and result.",
      inputSchema: {
        run_id: z.string().min(1).max(64).optional().describe("Defaults to the caller's own run"),
      },
    },
    async (args) => {
      const runId = args.run_id ?? actor.runId;
      const no = denied(actor, "board:read", { runKeyMay: true, runId });
      if (no) return no;
      if (!runId) return err("Give run_id.");
      const s = await workflowRunStatus(runId);
      return s ? ok(s) : err("No run with that id.");
    },
  );

  server.registerTool(
    "list_runs",
    {
      description: "Runs newest first, a page at a time.",
      inputSchema: {
        // Checked by the Automagik API's GET /runs schema: the same words.
        status: z.string().optional().describe(AUTOMAGIK_STATUSES.join(" | ")),
        workflow_name: z.string().optional(),
        page: z.number().optional().describe("From 1"),
        page_size: z.number().optional().describe("1 to 100 (20 when left out)"),
        project,
      },
    },
    async (args) => {
      const no = denied(actor, "board:read");
      if (no) return no;
      const q = AutomagikRunsQuerySchema.safeParse({
        page: args.page,
        page_size: args.page_size,
        status: args.status,
        workflow_name: args.workflow_name,
      });
      if (!q.success) return err("Some fields need fixing.", fieldErrors(q.error));
      const p = await resolveProject(args.project ?? null);
      if (!p) return err("No such project.");
      return ok(await listWorkflowRuns({ ...q.data, projectId: p.id }));
    },
  );

  server.registerTool(
    "list_workflows",
    { description: "The workflows (pipeline phases) a run can use.", inputSchema: { project } },
    async (args) => {
      const no = denied(actor, "board:read", { runKeyMay: true });
      if (no) return no;
      const p = await resolveProject(args.project ?? null);
      if (!p) return err("No such project.");
      return ok({ workflows: await listWorkflows(p.id) });
    },
  );
}

import "server-only";
import { ACTIONS } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { PRIORITIES, TODO_STATUSES } from "@/lib/domain/epic";
import { URGENCIES } from "@/lib/domain/decisions";
import { DecisionOptionSchema } from "@/lib/schemas/decision";
import { UpdateTodoSchema } from "@/lib/schemas/epic";
import { fieldErrors } from "@/lib/schemas/common";
import { reportMetric } from "@/lib/services/metrics";
import { searchPatterns } from "@/lib/services/patterns";
import { resolveProject } from "@/lib/services/automagik-compat";
import { denied, err, fromResult, ok, waitWithProgress } from "./result";

/** The epic a call is about: given, or the caller's own run's. */
async function epicOf(actor: Actor, epicId?: string) {
  if (epicId) return epicId;
  if (!actor.runId) return null;
  return (
    (await getDb().run.findUnique({ where: { id: actor.runId }, select: { epicId: true } }))
      ?.epicId ?? null
  );
}

/** Epics, todos, decisions, patterns and metrics. */
export function registerBoardTools(server: McpServer, actor: Actor) {
  server.registerTool(
    "create_epic",
    {
      description: "Create an epic (a card in the project's first phase).",
      inputSchema: {
        project: z.string().max(40).optional(),
        title: z.string(),
        description: z.string().default(""),
        type: z.string().default("feature"),
        priority: z.string().default("medium"),
        key_requirements: z.array(z.string()).default([]),
      },
    },
    async (a) => {
      const no = denied(actor, "epic:create");
      if (no) return no;
      const p = await resolveProject(a.project ?? null);
      if (!p) return err("No such project.");
      // Through the action catalog, as every entrance: the same schema, checks and errors as REST.
      return fromResult(
        await runActionAs(ACTIONS.createEpic, actor, {
          projectId: p.id,
          title: a.title,
          description: a.description,
          type: a.type,
          priority: a.priority,
          keyRequirements: a.key_requirements,
        }),
      );
    },
  );

  server.registerTool(
    "update_todos",
    {
      description:
        "Add todos to an epic, or change the status/priority of those with the same content.",
      inputSchema: {
        epic_id: z.string().max(64).optional().describe("Defaults to the caller's own run's epic"),
        todos: z
          .array(
            // Checked by the catalog's todo actions: the same words as REST and the drawer.
            z.object({
              content: z.string(),
              status: z.string().optional().describe(TODO_STATUSES.join(" | ")),
              priority: z.string().optional().describe(PRIORITIES.join(" | ")),
            }),
          )
          .min(1)
          .max(100),
      },
    },
    async (a) => {
      const no = denied(actor, "todo:write", { runKeyMay: true });
      if (no) return no;
      const epicId = await epicOf(actor, a.epic_id);
      if (!epicId) return err("Give epic_id.");
      if (actor.runId && epicId !== (await epicOf(actor)))
        return err("This run's key may change only its own epic's todos.");
      // All or nothing: every todo is checked (the actions' own schemas) before any is written.
      for (const [i, t] of a.todos.entries()) {
        const check = UpdateTodoSchema.safeParse({ id: epicId, ...t });
        if (!check.success)
          return err(
            "Some fields need fixing.",
            Object.fromEntries(
              Object.entries(fieldErrors(check.error)).map(([k, v]) => [`todos.${i}.${k}`, v]),
            ),
          );
      }
      const existing = await getDb().todo.findMany({
        where: { epicId },
        select: { id: true, content: true },
      });
      const changed: string[] = [];
      for (const t of a.todos) {
        const same = existing.find((e) => e.content === t.content);
        const r = same
          ? await runActionAs(ACTIONS.updateTodo, actor, {
              id: same.id,
              status: t.status,
              priority: t.priority,
            })
          : await runActionAs(ACTIONS.addTodo, actor, {
              epicId,
              content: t.content,
              priority: t.priority ?? "medium",
            });
        if (!r.ok) return err(r.message, r.fieldErrors);
        if (!same && t.status && t.status !== "pending")
          await runActionAs(ACTIONS.updateTodo, actor, {
            id: (r.data as { id: string }).id,
            status: t.status,
          });
        changed.push(t.content);
      }
      const todos = await getDb().todo.findMany({
        where: { epicId },
        orderBy: { position: "asc" },
        select: { id: true, content: true, status: true, priority: true },
      });
      return ok({ epic_id: epicId, changed: changed.length, todos });
    },
  );

  server.registerTool(
    "request_decision",
    {
      description:
        "Ask people for a decision (a DECISION NEEDED card: context, options, recommendation, impact, deadline). Waits for the answer unless wait=false, then returns the decision id.",
      inputSchema: {
        title: z.string(),
        context: z.string().default(""),
        options: z.array(DecisionOptionSchema),
        recommendation: z.object({ option: z.string(), why: z.string().default("") }).optional(),
        impact: z.string().default(""),
        urgency: z.enum(URGENCIES).default("normal"),
        deadline: z.string().optional().describe("ISO date-time; past it, default_option applies"),
        default_option: z.string().optional(),
        epic_id: z.string().max(64).optional(),
        run_id: z.string().max(64).optional().describe("Defaults to the caller's own run"),
        wait: z.boolean().default(true),
        wait_seconds: z.number().int().min(1).max(86_400).default(3600),
      },
    },
    async (a, extra) => {
      const runId = a.run_id ?? actor.runId ?? null;
      const no = denied(actor, "decision:create", { runKeyMay: true, runId });
      if (no) return no;
      // Through the action catalog: the same schema, checks (a run's key: its own run) and audit.
      const asked = await runActionAs(ACTIONS.requestDecision, actor, {
        epicId: a.epic_id ?? null,
        runId,
        title: a.title,
        context: a.context,
        options: a.options,
        recommendation: a.recommendation,
        impact: a.impact,
        urgency: a.urgency,
        deadline: a.deadline,
        defaultOption: a.default_option,
      });
      if (!asked.ok || !a.wait) return fromResult(asked);
      const id = asked.data.decisionId;
      const answer = await waitWithProgress(extra, a.wait_seconds, async () => {
        const d = await getDb().decision.findUniqueOrThrow({ where: { id } });
        if (d.status === "open")
          return {
            progress: 0,
            message: d.escalatedAt ? "Waiting for an answer (escalated)" : "Waiting for an answer",
          };
        const label =
          (d.options as { key: string; label: string }[]).find((o) => o.key === d.answerOption)
            ?.label ?? null;
        return {
          done: {
            decision_id: id,
            status: d.status,
            option: d.answerOption,
            label,
            comment: d.answerComment,
            answered_by: d.answeredByLabel,
            answered_at: d.answeredAt?.toISOString() ?? null,
          },
        };
      });
      return ok(
        answer ?? {
          decision_id: id,
          status: "open",
          message: "No answer yet: call again later or read it with the decision id.",
        },
      );
    },
  );

  server.registerTool(
    "search_patterns",
    {
      description: "Search the pattern library (full text; best match first).",
      inputSchema: {
        query: z.string().max(200).default(""),
        tag: z.string().max(30).optional(),
        limit: z.number().int().min(1).max(50).default(10),
      },
    },
    async (a) => {
      const no = denied(actor, "board:read", { runKeyMay: true });
      if (no) return no;
      return ok({ patterns: (await searchPatterns(a.query, a.tag)).slice(0, a.limit) });
    },
  );

  server.registerTool(
    "store_pattern",
    {
      description: "Store a reusable pattern in the library.",
      inputSchema: {
        name: z.string(),
        description: z.string().default(""),
        when_to_use: z.string().default(""),
        implementation: z.string().default(""),
        examples: z.string().default(""),
        common_issues: z.string().default(""),
        tags: z.array(z.string()).default([]),
      },
    },
    async (a) => {
      const no = denied(actor, "pattern:write", { runKeyMay: true });
      if (no) return no;
      return fromResult(
        await runActionAs(ACTIONS.createPattern, actor, {
          name: a.name,
          description: a.description,
          whenToUse: a.when_to_use,
          implementation: a.implementation,
          examples: a.examples,
          commonIssues: a.common_issues,
          tags: a.tags,
        }),
      );
    },
  );

  server.registerTool(
    "report_metric",
    {
      description:
        "Report a figure about a run or epic, e.g. coverage 82 (percent). The TESTER gate reads coverage.",
      inputSchema: {
        name: z.string().min(1).max(60),
        value: z.number(),
        run_id: z.string().max(64).optional().describe("Defaults to the caller's own run"),
        epic_id: z.string().max(64).optional(),
      },
    },
    async (a) => {
      const runId = a.run_id ?? actor.runId ?? null;
      const no = denied(actor, "run:steer", { runKeyMay: true, runId });
      if (no) return no;
      return fromResult(
        await reportMetric({ runId, epicId: a.epic_id, name: a.name, value: a.value }),
      );
    },
  );
}

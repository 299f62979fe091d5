import { z } from "zod";
import { AGENT_NAMES, AGENTS, splitCommandLine } from "@/lib/domain/agents";
import { GATE_REVIEWS, METRIC_OPS } from "@/lib/domain/gates";
import { PLACEHOLDERS, unknownPlaceholders } from "@/lib/domain/prompt";
import { ModelNameSchema } from "./common";

export const RUNNERS = ["claude-code", "demo", "command", "automagik", "acp"] as const;

export const GateSchema = z.object({
  runSucceeded: z.boolean({ error: "runSucceeded is true or false" }).default(true),
  todosCompleted: z.boolean({ error: "todosCompleted is true or false" }).default(true),
  metrics: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]{0,39}$/, "A metric name is lower_case, like coverage"),
        op: z.enum(METRIC_OPS, { error: `op is one of ${METRIC_OPS.join(" ")}` }),
        value: z.number({ error: "value is a number" }),
      }),
    )
    .max(10, "At most 10 metric checks")
    .default([]),
  approval: z.boolean({ error: "approval is true or false" }).default(false),
  review: z
    .enum(GATE_REVIEWS, {
      error: "review is none, person (an approving review) or agent (a VERDICT line)",
    })
    .default("none"),
});

export const PhaseSpecSchema = z
  .object({
    key: z
      .string({ error: "Every phase needs a key, like BUILDER" })
      .trim()
      .regex(
        /^[A-Z][A-Z0-9_]{1,23}$/,
        "A phase key is UPPER_CASE letters, digits and _, like BUILDER",
      )
      .refine((k) => k !== "DONE", "DONE is the board's last lane, not a phase"),
    name: z
      .string({ error: "Name the phase" })
      .trim()
      .min(1, "Name the phase")
      .max(40, "A name is at most 40 characters"),
    workflow: z
      .string({
        error: "Name the workflow (architect, implement, test, review, fix, refactor, document…)",
      })
      .trim()
      .min(1, "Name the workflow (architect, implement, test, review, fix, refactor, document…)")
      .max(40),
    runner: z
      .enum(RUNNERS, { error: `runner is one of ${RUNNERS.join(", ")}` })
      .default("claude-code"),
    /** Which coding agent works the phase (lib/domain/agents.ts); it decides the runner. */
    agent: z.enum(AGENT_NAMES, { error: `agent is one of ${AGENT_NAMES.join(", ")}` }).nullish(),
    model: ModelNameSchema.nullish(),
    prompt: z.string().max(20000, "A prompt is at most 20,000 characters").default(""),
    command: z.string().trim().max(1000).nullish(),
    maxTurns: z
      .number({ error: "maxTurns is a number" })
      .int("maxTurns is a whole number")
      .min(1, "maxTurns is 1 to 200")
      .max(200, "maxTurns is 1 to 200")
      .default(30),
    timeoutSec: z
      .number({ error: "timeoutSec is a number" })
      .int()
      .min(60, "timeoutSec is 60 to 14400")
      .max(14400, "timeoutSec is 60 to 14400")
      .default(1800),
    autoAdvance: z.boolean({ error: "autoAdvance is true or false" }).default(false),
    approvalRequired: z.boolean({ error: "approvalRequired is true or false" }).default(false),
    continueSession: z.boolean({ error: "continueSession is true or false" }).default(true),
    gate: GateSchema.default({
      runSucceeded: true,
      todosCompleted: true,
      metrics: [],
      approval: false,
      review: "none",
    }),
  })
  .superRefine((p, ctx) => {
    const unknown = unknownPlaceholders(p.prompt);
    if (unknown.length) {
      ctx.addIssue({
        code: "custom",
        path: ["prompt"],
        message: `Unknown placeholder ${unknown.map((n) => `{${n}}`).join(", ")}: use ${PLACEHOLDERS.map((n) => `{${n}}`).join(", ")}`,
      });
    }
    if (p.runner === "command" && !p.command)
      ctx.addIssue({
        code: "custom",
        path: ["command"],
        message: "The command runner needs a command, like npm test",
      });
    if (p.agent && (p.runner === "command" || p.runner === "automagik"))
      ctx.addIssue({
        code: "custom",
        path: ["agent"],
        message: `A ${p.runner} phase runs no coding agent: remove agent, or remove runner: ${p.runner}`,
      });
    if (p.runner === "acp" && !p.agent)
      ctx.addIssue({
        code: "custom",
        path: ["agent"],
        message: `runner: acp needs an agent: ${AGENT_NAMES.filter((a) => AGENTS[a].runner === "acp").join(", ")}`,
      });
    if (p.agent === "custom") {
      if (!p.command)
        ctx.addIssue({
          code: "custom",
          path: ["command"],
          message: "A custom agent needs its command line, like my-agent --acp",
        });
      else
        try {
          splitCommandLine(p.command);
        } catch (error) {
          ctx.addIssue({ code: "custom", path: ["command"], message: (error as Error).message });
        }
    }
  })
  // The agent decides the runner: `agent: codex` is an ACP phase whatever `runner` said by default.
  .transform((p) => {
    const agent = p.agent ?? null;
    return {
      ...p,
      agent,
      model: p.model || null,
      command: p.command || null,
      runner: agent ? AGENTS[agent].runner : p.runner,
    };
  });
export type PhaseSpec = z.output<typeof PhaseSpecSchema>;

export const PipelineSpecSchema = z
  .object({
    name: z.string().trim().min(1).max(80).default("Default pipeline"),
    phases: z
      .array(PhaseSpecSchema, { error: "phases is a list" })
      .min(1, "A pipeline needs at least one phase")
      .max(12, "At most 12 phases"),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.phases.forEach((phase, i) => {
      if (seen.has(phase.key))
        ctx.addIssue({
          code: "custom",
          path: ["phases", i, "key"],
          message: `${phase.key} is used by phase ${seen.get(phase.key)! + 1} already`,
        });
      seen.set(phase.key, i);
    });
  });
export type PipelineSpec = z.output<typeof PipelineSpecSchema>;

export const SavePipelineSchema = z.object({
  projectId: z.string().min(1).max(64),
  yaml: z.string().max(200_000, "pipeline.yaml is at most 200,000 characters"),
});

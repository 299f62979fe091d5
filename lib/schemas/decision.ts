import { z } from "zod";
import {
  ANSWER_ROLES,
  DECISION_SOURCES,
  DECISION_STATUSES,
  URGENCIES,
} from "@/lib/domain/decisions";
import { IdSchema, lineOf } from "./common";

export const DecisionOptionSchema = z.object({
  key: z.string().trim().min(1, "Each option needs a key").max(20),
  label: z.string().trim().min(1, "Each option needs a label").max(200),
  description: z.string().trim().max(1000).optional(),
});

const DecisionFieldsSchema = z.object({
  title: lineOf(
    z.string().trim().min(3, "Say what needs deciding (3 characters or more)").max(200),
  ),
  context: z.string().max(20000).default(""),
  options: z
    .array(DecisionOptionSchema)
    .min(2, "Give 2 to 6 options")
    .max(6, "Give 2 to 6 options"),
  recommendation: z.object({ option: z.string(), why: z.string().max(2000).default("") }).nullish(),
  impact: z.string().trim().max(2000).default(""),
  urgency: z.enum(URGENCIES).default("normal"),
  deadline: z.coerce.date({ error: "Deadline is a date and time" }).nullish(),
  defaultOption: z.string().nullish(),
  answerRole: z
    .enum(ANSWER_ROLES, { error: "Who answers: approver, manager or admin" })
    .default("approver"),
});

function checkDecision(d: z.output<typeof DecisionFieldsSchema>, ctx: z.RefinementCtx) {
  const keys = d.options.map((o) => o.key);
  if (new Set(keys).size !== keys.length)
    ctx.addIssue({ code: "custom", path: ["options"], message: "Option keys must differ" });
  if (d.recommendation && !keys.includes(d.recommendation.option))
    ctx.addIssue({
      code: "custom",
      path: ["recommendation"],
      message: "Recommend one of the options",
    });
  if (d.defaultOption && !keys.includes(d.defaultOption))
    ctx.addIssue({
      code: "custom",
      path: ["defaultOption"],
      message: "The default must be one of the options",
    });
  if (d.deadline && d.deadline.getTime() <= Date.now())
    ctx.addIssue({
      code: "custom",
      path: ["deadline"],
      message: "The deadline must be in the future",
    });
}

/** A decision a person opens on an epic. */
export const CreateDecisionSchema = DecisionFieldsSchema.extend({ epicId: IdSchema }).superRefine(
  checkDecision,
);
export type CreateDecisionInput = z.input<typeof CreateDecisionSchema>;
/** A decision an agent or a machine asks for (MCP request_decision): on an epic, or on the run it comes from (which names the epic). */
export const RequestDecisionSchema = DecisionFieldsSchema.extend({
  epicId: IdSchema.nullish(),
  runId: IdSchema.nullish(),
}).superRefine(checkDecision);

export const AnswerDecisionSchema = z.object({
  decisionId: IdSchema,
  option: z.string().trim().min(1, "Choose an option").max(20),
  comment: z.string().trim().max(4000, "A comment is at most 4,000 characters").default(""),
  /** The same key twice answers once. */
  clientKey: z.string().trim().min(8).max(64),
});

export const DecisionSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectSlug: z.string(),
  epicId: z.string().nullable(),
  epicNumber: z.number().nullable(),
  epicTitle: z.string().nullable(),
  runId: z.string().nullable(),
  source: z.enum(DECISION_SOURCES),
  title: z.string(),
  context: z.string(),
  options: z.array(DecisionOptionSchema),
  recommendation: z.object({ option: z.string(), why: z.string() }).nullable(),
  impact: z.string(),
  urgency: z.enum(URGENCIES),
  deadline: z.string().nullable(),
  defaultOption: z.string().nullable(),
  answerRole: z.string(),
  status: z.enum(DECISION_STATUSES),
  answerOption: z.string().nullable(),
  answerComment: z.string().nullable(),
  answeredByLabel: z.string().nullable(),
  answeredAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  /** The tool-approval request it answers (its run's page answers it through the run). */
  requestId: z.string().nullable(),
  /** Answered at once with this earlier decision's answer; a person may change it before the deadline. */
  reusedFromId: z.string().nullable(),
  createdAt: z.string(),
});
export type DecisionSummary = z.infer<typeof DecisionSummarySchema>;

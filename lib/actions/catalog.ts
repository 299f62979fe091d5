import "server-only";
import {
  ChangeRoleSchema,
  InviteIdSchema,
  SetUserActiveSchema,
  CreateApiKeySchema,
  CreateInviteSchema,
  UserIdSchema,
} from "@/lib/schemas/account";
import { IdInputSchema } from "@/lib/schemas/common";
import {
  AddTodoSchema,
  CreateEpicSchema,
  MoveEpicSchema,
  ReorderTodosSchema,
  UpdateEpicSchema,
  UpdateTodoSchema,
} from "@/lib/schemas/epic";
import {
  AddWebhookSchema,
  AutomagikServerSchema,
  ProjectInputSchema,
  UpdateProjectSchema,
} from "@/lib/schemas/project";
import { addWebhook, removeWebhook } from "@/lib/services/webhooks";
import { SavePipelineSchema } from "@/lib/schemas/pipeline";
import { PatternInputSchema, UpdatePatternSchema } from "@/lib/schemas/pattern";
import { createPattern, updatePattern } from "@/lib/services/patterns";
import { savePipelineYaml } from "@/lib/services/pipelines";
import {
  ApprovalAnswerSchema,
  FeedbackInputSchema,
  RunIdInputSchema,
  StartPhaseRunSchema,
  StartRunSchema,
} from "@/lib/schemas/run";
import {
  AnswerDecisionSchema,
  CreateDecisionSchema,
  RequestDecisionSchema,
} from "@/lib/schemas/decision";
import {
  changeRole,
  createApiKey,
  createInvite,
  revokeApiKey,
  revokeUserSessions,
} from "@/lib/services/accounts";
import {
  answerDecision,
  answerRunApproval,
  createDecision,
  requestDecision,
} from "@/lib/services/decisions";
import { createEpic, deleteEpic, moveEpic, updateEpic } from "@/lib/services/epics";
import { createProject, updateProject } from "@/lib/services/projects";
import { revokeInvite, setUserActive } from "@/lib/services/people";
import {
  saveProjectSettings,
  setApprovalSettings,
  setAutomagikServer,
  setProjectVariable,
} from "@/lib/services/project-settings";
import { ProjectSettingsSchema, SetVariableSchema } from "@/lib/schemas/project-settings";
import {
  chooseTrialRun,
  controlRun,
  resolveConflicts,
  sendFeedback,
  sendReviewComments,
  startRun,
  startTrial,
  submitReview,
  followPullRequest,
} from "@/lib/run-engine";
import { EpicIdSchema, ForgeSettingsSchema } from "@/lib/schemas/forge";
import { openPullRequest, setForge } from "@/lib/services/forge";
import {
  AddCommentSchema,
  MergeSchema,
  ReviewSchema,
  SendCommentsSchema,
} from "@/lib/schemas/review";
import { addComment, removeComment } from "@/lib/services/review-comments";
import { mergeEpic } from "@/lib/services/merge";
import { ChooseTrialRunSchema, StartTrialSchema } from "@/lib/schemas/trial";
import { removeEpicWorktree } from "@/lib/services/epic-worktree";
import { ApprovalSettingsSchema, PermissionRuleInputSchema } from "@/lib/schemas/permission-rule";
import { addPermissionRule, removePermissionRule } from "@/lib/services/permission-rules";
import { addTodo, deleteTodo, reorderTodos, updateTodo } from "@/lib/services/todos";
import { epicOfTodo } from "@/lib/services/run-scope";
import { action } from "./define-action";

/** Every server action that needs a role: its input, its permission, its use case. One table. */
export const ACTIONS = {
  createProject: action(ProjectInputSchema, "project:create", createProject),
  updateProject: action(UpdateProjectSchema, "project:update", updateProject),
  // Agents add what they learn to the library (MCP store_pattern); the audit row names the run.
  createPattern: action(PatternInputSchema, "pattern:write", createPattern, { runScope: "agent" }),
  updatePattern: action(UpdatePatternSchema, "pattern:write", updatePattern),
  savePipeline: action(SavePipelineSchema, "pipeline:update", savePipelineYaml),
  addWebhook: action(AddWebhookSchema, "project:update", addWebhook),
  setAutomagikServer: action(AutomagikServerSchema, "project:update", setAutomagikServer),
  saveProjectSettings: action(ProjectSettingsSchema, "project:update", saveProjectSettings),
  setProjectVariable: action(SetVariableSchema, "project:update", setProjectVariable),
  removeWebhook: action(IdInputSchema, "project:update", removeWebhook),
  addPermissionRule: action(PermissionRuleInputSchema, "project:update", addPermissionRule),
  removePermissionRule: action(IdInputSchema, "project:update", removePermissionRule),
  setApprovalSettings: action(ApprovalSettingsSchema, "project:update", setApprovalSettings),
  createEpic: action(CreateEpicSchema, "epic:create", createEpic),
  updateEpic: action(UpdateEpicSchema, "epic:update", updateEpic),
  moveEpic: action(MoveEpicSchema, "epic:move", moveEpic),
  deleteEpic: action(IdInputSchema, "epic:delete", deleteEpic),
  removeWorktree: action(IdInputSchema, "epic:update", removeEpicWorktree),
  addTodo: action(AddTodoSchema, "todo:write", addTodo, {
    runScope: (i) => ({ epicId: i.epicId }),
  }),
  updateTodo: action(UpdateTodoSchema, "todo:write", updateTodo, {
    runScope: (i) => epicOfTodo(i.id),
  }),
  deleteTodo: action(IdInputSchema, "todo:write", deleteTodo, {
    runScope: (i) => epicOfTodo(i.id),
  }),
  reorderTodos: action(ReorderTodosSchema, "todo:write", reorderTodos, {
    runScope: (i) => ({ epicId: i.epicId }),
  }),
  startRun: action(StartRunSchema, "run:start", startRun),
  startPhaseRun: action(StartPhaseRunSchema, "run:start", startRun),
  startTrial: action(StartTrialSchema, "run:start", startTrial),
  chooseTrialRun: action(ChooseTrialRunSchema, "run:start", chooseTrialRun),
  sendFeedback: action(FeedbackInputSchema, "run:steer", sendFeedback, {
    limit: "feedback",
    runScope: (i) => ({ runId: i.runId }),
  }),
  // Review: line comments gathered and sent to the agent, verdicts, merging the branch.
  addComment: action(AddCommentSchema, "review:write", addComment),
  removeComment: action(IdInputSchema, "review:write", removeComment),
  sendComments: action(SendCommentsSchema, "review:write", sendReviewComments, {
    limit: "feedback",
  }),
  submitReview: action(ReviewSchema, "review:write", submitReview),
  mergeEpic: action(MergeSchema, "code:merge", mergeEpic),
  resolveConflicts: action(IdInputSchema, "code:merge", resolveConflicts),
  setForge: action(ForgeSettingsSchema, "project:update", setForge),
  openPullRequest: action(EpicIdSchema, "code:merge", openPullRequest),
  syncPullRequest: action(EpicIdSchema, "code:merge", (actor, i) =>
    followPullRequest(i.epicId, actor),
  ),
  answerApproval: action(ApprovalAnswerSchema, "approval:answer", answerRunApproval),
  stopRun: action(
    RunIdInputSchema,
    "run:steer",
    (actor, input) => controlRun(actor, input, "stop"),
    {
      runScope: (i) => ({ runId: i.runId }),
    },
  ),
  killRun: action(
    RunIdInputSchema,
    "run:steer",
    (actor, input) => controlRun(actor, input, "kill"),
    {
      runScope: (i) => ({ runId: i.runId }),
    },
  ),
  answerDecision: action(AnswerDecisionSchema, "decision:answer", answerDecision),
  createDecision: action(CreateDecisionSchema, "decision:create", createDecision),
  // An agent asks on its own run (MCP request_decision); orchestrators on any epic or run.
  requestDecision: action(RequestDecisionSchema, "decision:create", requestDecision, {
    runScope: (i) => (i.runId ? { runId: i.runId } : { epicId: i.epicId ?? null }),
  }),
  createInvite: action(CreateInviteSchema, "admin:users", createInvite),
  changeRole: action(ChangeRoleSchema, "admin:users", changeRole),
  revokeSessions: action(UserIdSchema, "admin:users", revokeUserSessions),
  setUserActive: action(SetUserActiveSchema, "admin:users", setUserActive),
  revokeInvite: action(InviteIdSchema, "admin:users", revokeInvite),
  createApiKey: action(CreateApiKeySchema, "admin:users", createApiKey),
  revokeApiKey: action(IdInputSchema, "admin:users", revokeApiKey),
};
export type ActionName = keyof typeof ACTIONS;

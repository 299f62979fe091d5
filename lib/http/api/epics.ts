import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { EPIC_STATUSES } from "@/lib/domain/epic";
import { EpicCardSchema } from "@/lib/schemas/board";
import { EpicDetailSchema } from "@/lib/schemas/epic-detail";
import { getEpicDetail, listEpics } from "@/lib/services/board";
import { command, page, PageQuery, query } from "../operation";

const IdOut = z.object({ id: z.string() });

export const epicOps = {
  list: query({
    path: "/epics",
    tag: "epics",
    summary: "A project's epics by number; filter by phase, status or text",
    input: PageQuery.extend({
      project: z
        .string({ error: "project is required: the project's slug or id" })
        .min(1, "project is required: the project's slug or id")
        .max(64),
      phase: z.string().max(40).optional(),
      status: z.enum(EPIC_STATUSES).optional(),
      q: z.string().max(200).optional(),
    }),
    output: z.object({ epics: z.array(EpicCardSchema), next_cursor: z.string().nullable() }),
    notFound: ["project-not-found", "No project with that slug or id."],
    run: async (_actor, f) => {
      const found = await listEpics(f);
      return found && page(found.rows, f.limit, "epics");
    },
  }),
  create: command(ACTIONS.createEpic, {
    method: "POST",
    path: "/epics",
    tag: "epics",
    summary: "Create an epic in a project's first phase",
    status: 201,
    output: IdOut,
  }),
  get: query({
    path: "/epics/{id}",
    tag: "epics",
    summary: "An epic with its todos, runs and history",
    input: z.object({ id: z.string().max(64) }),
    output: EpicDetailSchema,
    notFound: ["epic-not-found", "This epic does not exist (it may have been deleted)."],
    run: (_actor, { id }) => getEpicDetail(id),
  }),
  update: command(ACTIONS.updateEpic, {
    method: "PUT",
    path: "/epics/{id}",
    tag: "epics",
    summary: "Replace an epic's fields",
  }),
  remove: command(ACTIONS.deleteEpic, {
    method: "DELETE",
    path: "/epics/{id}",
    tag: "epics",
    summary: "Delete an epic (kept in the audit log)",
  }),
  move: command(ACTIONS.moveEpic, {
    method: "POST",
    path: "/epics/{id}/move",
    tag: "epics",
    summary: "Move an epic to a lane (a phase key or DONE), by the board's rules",
  }),
  addTodo: command(ACTIONS.addTodo, {
    method: "POST",
    path: "/epics/{id}/todos",
    tag: "todos",
    summary: "Add a todo to an epic",
    status: 201,
    pathAs: { id: "epicId" },
    output: IdOut,
  }),
  reorderTodos: command(ACTIONS.reorderTodos, {
    method: "POST",
    path: "/epics/{id}/todos/reorder",
    tag: "todos",
    summary: "Put an epic's todos in this order",
    pathAs: { id: "epicId" },
  }),
  updateTodo: command(ACTIONS.updateTodo, {
    method: "PUT",
    path: "/todos/{id}",
    tag: "todos",
    summary: "Change a todo's content, status, priority or phase",
  }),
  deleteTodo: command(ACTIONS.deleteTodo, {
    method: "DELETE",
    path: "/todos/{id}",
    tag: "todos",
    summary: "Delete a todo",
  }),
};

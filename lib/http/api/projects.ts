import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { BoardSchema } from "@/lib/schemas/board";
import { getBoard, listProjectsForNav } from "@/lib/services/board";
import { command, query } from "../operation";

const ProjectRow = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const projectOps = {
  list: query({
    path: "/projects",
    tag: "projects",
    summary: "List the projects",
    input: z.object({}),
    output: z.object({ projects: z.array(ProjectRow) }),
    run: async () => ({ projects: await listProjectsForNav() }),
  }),
  create: command(ACTIONS.createProject, {
    method: "POST",
    path: "/projects",
    tag: "projects",
    summary: "Create a project (with the default pipeline)",
    status: 201,
    output: z.object({ id: z.string(), slug: z.string() }),
  }),
  board: query({
    path: "/projects/{slug}/board",
    tag: "projects",
    summary: "A project's board: phases, cards and the realtime resume point (seq)",
    input: z.object({ slug: z.string().max(40) }),
    output: BoardSchema,
    notFound: ["project-not-found", "No project with that slug."],
    run: (_actor, { slug }) => getBoard(slug),
  }),
};

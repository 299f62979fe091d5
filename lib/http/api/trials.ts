import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { TrialViewSchema } from "@/lib/schemas/trial";
import { getTrial } from "@/lib/services/trials";
import { command, query } from "../operation";

export const trialOps = {
  start: command(ACTIONS.startTrial, {
    method: "POST",
    path: "/epics/{id}/trials",
    tag: "trials",
    summary:
      "Try the epic's current phase with two or three agents (or models) at once, each in a worktree of its own: tries [{agent, model}]",
    status: 201,
    pathAs: { id: "epicId" },
    output: z.object({ trialId: z.string(), runIds: z.array(z.string()) }),
  }),
  get: query({
    path: "/trials/{id}",
    tag: "trials",
    summary:
      "A trial side by side: each try's agent, model, status, turns, time, cost, tokens, files and lines changed, gate result",
    input: z.object({ id: z.string().max(64) }),
    output: TrialViewSchema,
    notFound: ["trial-not-found", "No such trial."],
    run: (_a, { id }) => getTrial(id),
  }),
  choose: command(ACTIONS.chooseTrialRun, {
    method: "POST",
    path: "/trials/{id}/choose",
    tag: "trials",
    summary:
      "Continue with one try: its branch, session, todos and gate become the epic's; the others' worktrees are removed, their branches kept",
    pathAs: { id: "trialId" },
  }),
};

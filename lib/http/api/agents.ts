import "server-only";
import { z } from "zod";
import { AGENT_NAMES } from "@/lib/domain/agents";
import { agentStatuses } from "@/lib/services/agent-catalog";
import { query } from "../operation";

const Agent = z.object({
  agent: z.enum([...AGENT_NAMES, "command", "automagik"]),
  name: z.string(),
  runner: z.string(),
  found: z.boolean(),
  version: z.string().nullable(),
  loggedIn: z.boolean().nullable(),
  ready: z.boolean(),
  detail: z.string(),
  fix: z.string().nullable(),
  install: z.string().nullable(),
  login: z.string().nullable(),
  homepage: z.string().nullable(),
});

export const agentOps = {
  list: query({
    path: "/agents",
    tag: "agents",
    summary:
      "Every agent Hiveboard can drive on this server (what the agents page shows): found or not, version, logged in or not (null: a run will tell), how to install and log in",
    permission: "project:update",
    input: z.object({}),
    output: z.object({ agents: z.array(Agent) }),
    run: async () => ({ agents: await agentStatuses() }),
  }),
};

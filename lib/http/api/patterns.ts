import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { getPattern, searchPatterns } from "@/lib/services/patterns";
import { command, query } from "../operation";

const PatternOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  whenToUse: z.string(),
  implementation: z.string(),
  examples: z.string(),
  commonIssues: z.string(),
  tags: z.array(z.string()),
  usageCount: z.number(),
  lastUsedAt: z.string().nullable(),
  projectId: z.string().nullable(),
  updatedAt: z.string(),
});

export const patternOps = {
  search: query({
    path: "/patterns",
    tag: "patterns",
    summary: "Search the pattern library (full text; best match first, else most used first)",
    input: z.object({
      q: z.string().max(200).default(""),
      tag: z.string().max(30).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ patterns: z.array(PatternOut) }),
    run: async (_a, { q, tag, limit }) => ({
      patterns: (await searchPatterns(q, tag)).slice(0, limit),
    }),
  }),
  get: query({
    path: "/patterns/{id}",
    tag: "patterns",
    summary: "A pattern with the runs that used it",
    input: z.object({ id: z.string().max(64) }),
    output: PatternOut,
    notFound: ["pattern-not-found", "No pattern with that id."],
    run: (_a, { id }) => getPattern(id),
  }),
  create: command(ACTIONS.createPattern, {
    method: "POST",
    path: "/patterns",
    tag: "patterns",
    summary: "Store a pattern in the library",
    status: 201,
    output: z.object({ id: z.string() }),
  }),
  update: command(ACTIONS.updatePattern, {
    method: "PUT",
    path: "/patterns/{id}",
    tag: "patterns",
    summary: "Replace a pattern's fields",
  }),
};

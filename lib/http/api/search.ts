import "server-only";
import { z } from "zod";
import { SearchHitSchema } from "@/lib/schemas/search";
import { searchEverything } from "@/lib/services/search";
import { query } from "../operation";

export const searchOps = {
  everything: query({
    path: "/search",
    tag: "search",
    summary:
      "Search across projects: projects, epics (title or #number), runs, decisions and patterns (what ⌘K shows)",
    input: z.object({
      q: z.string().max(100, "q is at most 100 characters").default(""),
      each: z.coerce.number().int().min(1).max(20).default(6),
    }),
    output: z.object({ hits: z.array(SearchHitSchema) }),
    run: async (_a, { q, each }) => ({ hits: await searchEverything(q, each) }),
  }),
};

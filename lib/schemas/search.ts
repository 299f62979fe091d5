import { z } from "zod";

/** One thing ⌘K found: what the search API answers and the palette shows. */
export const SearchHitSchema = z.object({
  kind: z.enum(["epic", "run", "decision", "pattern", "project"]),
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  href: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

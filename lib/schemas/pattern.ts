import { z } from "zod";
import { lineOf } from "./common";

const Text = (label: string, max = 20000) =>
  z.string().max(max, `${label} is at most ${max.toLocaleString()} characters`).default("");

export const PatternInputSchema = z.object({
  name: lineOf(
    z
      .string()
      .trim()
      .min(3, "Name the pattern (3 characters or more)")
      .max(120, "At most 120 characters"),
  ),
  description: Text("The description", 4000),
  whenToUse: Text("When to use"),
  implementation: Text("The implementation", 50000),
  examples: Text("Examples"),
  commonIssues: Text("Common issues"),
  tags: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(
          /^[a-z0-9][a-z0-9-]{0,29}$/,
          "Tags are lower-case words or dashes, like async or error-handling",
        ),
    )
    .max(12, "At most 12 tags")
    .default([]),
  projectId: z.string().max(64).nullish(),
});
export type PatternInput = z.input<typeof PatternInputSchema>;

export const UpdatePatternSchema = PatternInputSchema.extend({ id: z.string().min(1).max(64) });

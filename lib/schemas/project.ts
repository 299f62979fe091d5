import { z } from "zod";
import { lineOf } from "./common";

export const SlugSchema = z
  .string()
  .trim()
  .min(2, "Slug needs at least 2 characters")
  .max(40, "Slug is at most 40 characters")
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "Use lowercase letters, digits and single dashes (e.g. my-app)",
  );

export const ProjectInputSchema = z.object({
  name: lineOf(
    z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
  ),
  slug: SlugSchema,
  /** A git repository's path on this server, a URL for remote runners, or empty for scratch folders. */
  repo: z.string().trim().max(500, "Repository is at most 500 characters").default(""),
  defaultBranch: z
    .string()
    .trim()
    .min(1, "Default branch is required")
    .max(100, "Branch is at most 100 characters")
    .regex(/^[\w./-]+$/, "Branch names use letters, digits, dots, slashes, dashes and underscores"),
  description: z.string().trim().max(2000, "Description is at most 2,000 characters").default(""),
});
export type ProjectInput = z.infer<typeof ProjectInputSchema>;

export const UpdateProjectSchema = ProjectInputSchema.extend({ id: z.string().min(1) });
export type UpdateProjectInput = z.infer<typeof UpdateProjectSchema>;

export const AddWebhookSchema = z.object({
  projectId: z.string().min(1),
  url: z
    .url({ error: "Enter the receiver's URL, like https://hooks.example.com/hiveboard" })
    .refine((u) => /^https?:\/\//.test(u), {
      message: "Webhooks go to http:// or https:// addresses",
    })
    .refine((u) => u.length <= 500, { message: "At most 500 characters" }),
});

/** The Automagik workflows server a project's automagik runner uses. An empty key keeps the stored one. */
export const AutomagikServerSchema = z.object({
  projectId: z.string().min(1),
  url: z
    .string()
    .trim()
    .max(500, "At most 500 characters")
    .refine((u) => u === "" || /^https?:\/\/[^\s]+$/.test(u), {
      message: "The server's base URL, like http://localhost:28881 (empty to turn it off)",
    }),
  apiKey: z.string().trim().max(500, "At most 500 characters").default(""),
  clearKey: z.boolean().default(false),
});

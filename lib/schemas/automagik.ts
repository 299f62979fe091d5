import { z } from "zod";
import { AUTOMAGIK_STATUSES } from "@/lib/domain/automagik";

/** POST /run/{workflow_name} of the Automagik workflows API. Unknown fields are ignored, as there. */
export const AutomagikRunInputSchema = z.object({
  message: z
    .string({ error: "message is required: the task for the agent" })
    .trim()
    .min(1, "message is required: the task for the agent")
    .max(100_000, "message is at most 100,000 characters"),
  max_turns: z
    .number({ error: "max_turns is a number from 1 to 200" })
    .int("max_turns is a whole number")
    .min(1, "max_turns is at least 1")
    .max(200, "max_turns is at most 200")
    .default(30),
  session_id: z.string().max(64).nullish(),
  session_name: z
    .string()
    .trim()
    .min(1)
    .max(140, "session_name is at most 140 characters")
    .nullish(),
  user_id: z.string().max(100).nullish(),
  git_branch: z.string().max(200).nullish(),
  repository_url: z.string().max(500).nullish(),
  timeout: z
    .number({ error: "timeout is seconds, from 60 to 14400" })
    .int()
    .min(60, "timeout is at least 60 seconds")
    .max(14400, "timeout is at most 14400 seconds (4 hours)")
    .default(7200),
  input_format: z
    .enum(["text", "stream-json"], { error: "input_format is text or stream-json" })
    .default("text"),
});
export type AutomagikRunInput = z.output<typeof AutomagikRunInputSchema>;

export const AutomagikRunsQuerySchema = z.object({
  page: z.coerce.number({ error: "page is a number" }).int().min(1, "page starts at 1").default(1),
  page_size: z.coerce
    .number({ error: "page_size is a number" })
    .int()
    .min(1, "page_size is at least 1")
    .max(100, "page_size is at most 100")
    .default(20),
  status: z
    .enum(AUTOMAGIK_STATUSES, { error: `status is one of ${AUTOMAGIK_STATUSES.join(", ")}` })
    .optional(),
  workflow_name: z.string().max(60).optional(),
});

/** POST /run/{id}/add-message, with the real server's words for what it refuses. */
export const AutomagikMessageSchema = z.object({
  message_type: z
    .enum(["user", "system"], { error: "message_type must be 'user' or 'system'" })
    .default("user"),
  content: z
    .string({ error: "content cannot be empty" })
    .trim()
    .min(1, "content cannot be empty")
    .max(4000, "content is at most 4,000 characters"),
});

import { automagik } from "@/lib/http/automagik";

/** Starts a workflow: [name] is the workflow's name (implement, test, …). */
export const POST = automagik.start;

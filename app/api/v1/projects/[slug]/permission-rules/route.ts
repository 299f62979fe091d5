import { projectSettingsOps as ops } from "@/lib/http/api";
import { handler } from "@/lib/http/operation";

export const GET = handler(ops.listRules);
export const POST = handler(ops.addRule);

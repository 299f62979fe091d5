import { projectSettingsOps as ops } from "@/lib/http/api";
import { handler } from "@/lib/http/operation";

export const GET = handler(ops.getSettings);
export const PUT = handler(ops.putSettings);

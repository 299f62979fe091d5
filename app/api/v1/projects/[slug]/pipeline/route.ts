import { projectSettingsOps as ops } from "@/lib/http/api";
import { handler } from "@/lib/http/operation";

export const GET = handler(ops.getPipeline);
export const PUT = handler(ops.putPipeline);

import { projectSettingsOps as ops } from "@/lib/http/api";
import { handler } from "@/lib/http/operation";

export const DELETE = handler(ops.removeRule);

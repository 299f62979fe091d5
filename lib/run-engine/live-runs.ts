import "server-only";
import type { LiveRun } from "./live-run";

const g = globalThis as unknown as { __hiveboardRuns?: Map<string, LiveRun> };
/** The runs whose agents live in this process; shared by server.ts and Next's bundle through globalThis. */
export const liveRuns: Map<string, LiveRun> = (g.__hiveboardRuns ??= new Map());

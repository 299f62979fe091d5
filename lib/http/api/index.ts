import "server-only";
import type { Operation } from "../operation";
import { agentOps } from "./agents";
import { decisionOps } from "./decisions";
import { diffOps } from "./diffs";
import { epicOps } from "./epics";
import { metricOps } from "./metrics";
import { patternOps } from "./patterns";
import { projectOps } from "./projects";
import { projectSettingsOps } from "./project-settings";
import { reviewOps } from "./reviews";
import { runOps } from "./runs";
import { searchOps } from "./search";
import { trialOps } from "./trials";

export {
  agentOps,
  decisionOps,
  diffOps,
  epicOps,
  metricOps,
  patternOps,
  projectOps,
  projectSettingsOps,
  reviewOps,
  runOps,
  searchOps,
  trialOps,
};

/** Every operation of /api/v1, in the order the document lists them. */
export const OPERATIONS: Operation[] = [
  projectOps,
  projectSettingsOps,
  epicOps,
  runOps,
  diffOps,
  reviewOps,
  trialOps,
  decisionOps,
  patternOps,
  metricOps,
  searchOps,
  agentOps,
].flatMap((group) => Object.values(group));

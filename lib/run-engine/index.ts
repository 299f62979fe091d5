import "server-only";
import { advanceAutomatically } from "./start";
import { engineBus } from "./engine-bus";

// The run engine: how a run starts, is steered, and ends. Callers use only what this file exports.
//   start.ts      a run is created (gated, queued) and handed to dispatch.ts (here, or the queue)
//   launch.ts     the node that takes it starts the agent; live-run.ts turns its output into events
//   mailbox.ts    commands written to the database are applied by the holding node, via steer.ts
//   approvals.ts  permission rules answer tool prompts; what is left becomes a card, withdrawn when moot
//   trials.ts     one phase tried by several agents at once, compared, one continued
//   review.ts     line comments and verdicts reach the agent; a run resolves merge conflicts
//   pull-requests.ts  a pull request's failed checks and requested changes go back to the agent
//   finish.ts     the outcome, the gate (gates.ts), the card's move; node.ts runs the background duties

export { startRun, resolveGate } from "./start";
export { startTrial, chooseTrialRun, TRIAL_NOT_FOUND } from "./trials";
export { sendFeedback, controlRun } from "./commands";
export { sendReviewComments, submitReview, resolveConflicts } from "./review";
export { followPullRequest, MAX_PR_FIX_RUNS } from "./pull-requests";
export { pokeRun, applyControl, drainMailbox, type ControlMessage } from "./mailbox";
export { getRunDetail, listRunEvents, listRuns, RUN_FOCUS, type RunFocus } from "./queries";
export { startRunDuties, drainNode } from "./node";
export { reconcileRuns } from "./dispatch";
export { LEASE_MS, NODE_ID } from "./node-id";
export { liveRuns } from "./live-runs";
export { redisAnswers, runQueueEnabled } from "./queue";

engineBus.on(
  "epic:advance",
  (epicId) =>
    void advanceAutomatically(epicId).catch((e) => console.error(`auto-advance of ${epicId}`, e)),
);

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Doors } from "@/lib/services/automagik-doors";
import { ACTIONS } from "./catalog";
import { runActionAs } from "./define-action";

/** One door: the catalog's actions (schema → permission → service) for one caller. */
export function catalogDoors(actor: Actor): Doors {
  return {
    createEpic: (input) => runActionAs(ACTIONS.createEpic, actor, input),
    startRun: (input) => runActionAs(ACTIONS.startPhaseRun, actor, input),
    sendFeedback: (input) => runActionAs(ACTIONS.sendFeedback, actor, input),
    killRun: (input) => runActionAs(ACTIONS.killRun, actor, input),
    removeWorktree: (input) => runActionAs(ACTIONS.removeWorktree, actor, input),
  };
}

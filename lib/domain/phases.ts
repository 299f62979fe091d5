// Pure: the lanes of a board and the one table of which moves between them are allowed.
import type { EpicStatus } from "./epic";

export const DEFAULT_PHASES = ["ANALYZER", "BUILDER", "TESTER", "VALIDATOR", "DEPLOYER"] as const;

/** The lane after the last phase. Not a phase: no run happens there. */
export const DONE_LANE = "DONE";

export type Lane = string;

/** Lanes of a pipeline in board order: its phases, then Done. */
export function lanesOf(phaseKeys: readonly string[]): Lane[] {
  return [...phaseKeys, DONE_LANE];
}

export function phaseAfter(phaseKeys: readonly string[], lane: Lane): Lane | null {
  const lanes = lanesOf(phaseKeys);
  const i = lanes.indexOf(lane);
  return i >= 0 && i < lanes.length - 1 ? lanes[i + 1] : null;
}

export type MoveCheck =
  | { ok: true; status: EpicStatus }
  | {
      ok: false;
      code: "unknown-lane" | "same-lane" | "run-in-progress" | "cannot-skip-phases";
      message: string;
    };

/**
 * Whether a card may be moved by hand from one lane to another, and the status it has after.
 * Forward moves go one lane at a time (each phase's work happens in order); backward moves may
 * jump to any earlier lane (rework); a card with a live run stays put until the run stops.
 */
export function checkMove(
  phaseKeys: readonly string[],
  epic: { phase: Lane; status: EpicStatus },
  to: Lane,
): MoveCheck {
  const lanes = lanesOf(phaseKeys);
  const from = lanes.indexOf(epic.phase);
  const target = lanes.indexOf(to);
  if (target < 0)
    return { ok: false, code: "unknown-lane", message: `There is no lane "${to}" on this board.` };
  if (from === target)
    return { ok: false, code: "same-lane", message: "The card is already in that lane." };
  if (epic.status === "running" || epic.status === "waiting") {
    return {
      ok: false,
      code: "run-in-progress",
      message: "A run is in progress on this epic: stop it before moving the card.",
    };
  }
  if (from >= 0 && target > from + 1) {
    return {
      ok: false,
      code: "cannot-skip-phases",
      message: `Move forward one lane at a time: ${epic.phase} goes to ${lanes[from + 1]} next.`,
    };
  }
  return { ok: true, status: to === DONE_LANE ? "done" : "idle" };
}

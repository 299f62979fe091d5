/** One step of the board's first-run checklist (lib/services/first-run.ts ticks them). */
export type ChecklistStep = {
  key: "demo" | "run" | "decision" | "invite";
  title: string;
  detail: string;
  done: boolean;
  href?: string;
};

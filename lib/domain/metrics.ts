// Pure: the figures managers steer by, computed from an epic's stored history. No sampling, no
// estimates: every number can be traced to the runs and decisions it came from.

export type RunFact = {
  id: string;
  phase: string;
  status: string;
  parentRunId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  turns: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
};
export type DecisionFact = {
  source: string;
  createdAt: Date;
  answeredAt: Date | null;
  status: string;
};
export type EpicFacts = {
  id: string;
  number: number;
  title: string;
  createdAt: Date;
  /** When the epic reached Done, if it has. */
  doneAt: Date | null;
  runs: RunFact[];
  decisions: DecisionFact[];
  feedbackCount: number;
  patternUses: number;
  coverage: number | null;
};

export type PhaseFigures = {
  phase: string;
  runs: number;
  reruns: number;
  seconds: number;
  turns: number;
  costUsd: number;
  tokens: number;
  runIds: string[];
};
export type EpicFigures = {
  id: string;
  number: number;
  title: string;
  leadTimeHours: number | null;
  waitingHours: number;
  interventions: number;
  firstTimeSuccess: boolean;
  usedPattern: boolean;
  coverage: number | null;
  costUsd: number;
  tokens: number;
  turns: number;
  phases: PhaseFigures[];
};

const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;

/** A phase re-run is a second (or later) run of the same phase that is not a follow-up of one. */
function phaseFigures(runs: RunFact[]): PhaseFigures[] {
  const by = new Map<string, PhaseFigures>();
  for (const r of runs) {
    const f = by.get(r.phase) ?? {
      phase: r.phase,
      runs: 0,
      reruns: 0,
      seconds: 0,
      turns: 0,
      costUsd: 0,
      tokens: 0,
      runIds: [],
    };
    if (!r.parentRunId) f.runs += 1;
    f.reruns = Math.max(0, f.runs - 1);
    if (r.startedAt && r.endedAt)
      f.seconds += Math.max(0, (r.endedAt.getTime() - r.startedAt.getTime()) / 1000);
    f.turns += r.turns;
    f.costUsd += r.costUsd;
    f.tokens += r.inputTokens + r.outputTokens;
    f.runIds.push(r.id);
    by.set(r.phase, f);
  }
  return [...by.values()];
}

export function epicFigures(e: EpicFacts): EpicFigures {
  const phases = phaseFigures(e.runs);
  // Time waiting on people: how long each decision stayed open (tool approvals included).
  const waitingMs = e.decisions
    .filter((d) => d.answeredAt)
    .reduce((s, d) => s + (d.answeredAt!.getTime() - d.createdAt.getTime()), 0);
  // Human interventions: feedback sent, and decisions a person had to take (not auto-applied).
  const interventions = e.feedbackCount + e.decisions.filter((d) => d.status === "answered").length;
  return {
    id: e.id,
    number: e.number,
    title: e.title,
    leadTimeHours: e.doneAt ? hours(e.doneAt.getTime() - e.createdAt.getTime()) : null,
    waitingHours: hours(waitingMs),
    interventions,
    firstTimeSuccess:
      e.runs.length > 0 &&
      phases.every((p) => p.reruns === 0) &&
      e.runs.every((r) => r.status !== "failed" && r.status !== "timed_out"),
    usedPattern: e.patternUses > 0,
    coverage: e.coverage,
    costUsd: phases.reduce((s, p) => s + p.costUsd, 0),
    tokens: phases.reduce((s, p) => s + p.tokens, 0),
    turns: phases.reduce((s, p) => s + p.turns, 0),
    phases,
  };
}

const avg = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;

export type ProjectFigures = {
  epics: number;
  doneEpics: number;
  leadTimeHours: number | null;
  waitingHours: number | null;
  interventionsPerEpic: number | null;
  firstTimeSuccessRate: number | null;
  patternReuseRate: number | null;
  coverage: number | null;
  costUsd: number;
  tokens: number;
  phases: PhaseFigures[];
};

/** Over the epics that ran at least once: the orchestrators aim at < 2 interventions, > 70% reuse. */
export function projectFigures(epics: EpicFigures[], phaseOrder: string[]): ProjectFigures {
  const ran = epics.filter((e) => e.phases.length > 0);
  const merged = new Map<string, PhaseFigures>();
  for (const p of ran.flatMap((e) => e.phases)) {
    const m = merged.get(p.phase) ?? {
      phase: p.phase,
      runs: 0,
      reruns: 0,
      seconds: 0,
      turns: 0,
      costUsd: 0,
      tokens: 0,
      runIds: [],
    };
    merged.set(p.phase, {
      phase: p.phase,
      runs: m.runs + p.runs,
      reruns: m.reruns + p.reruns,
      seconds: m.seconds + p.seconds,
      turns: m.turns + p.turns,
      costUsd: m.costUsd + p.costUsd,
      tokens: m.tokens + p.tokens,
      runIds: [...m.runIds, ...p.runIds],
    });
  }
  const rate = (n: number) => (ran.length ? Math.round((n / ran.length) * 1000) / 10 : null);
  return {
    epics: epics.length,
    doneEpics: epics.filter((e) => e.leadTimeHours !== null).length,
    leadTimeHours: avg(epics.flatMap((e) => (e.leadTimeHours === null ? [] : [e.leadTimeHours]))),
    waitingHours: avg(ran.map((e) => e.waitingHours)),
    interventionsPerEpic: avg(ran.map((e) => e.interventions)),
    firstTimeSuccessRate: rate(ran.filter((e) => e.firstTimeSuccess).length),
    patternReuseRate: rate(ran.filter((e) => e.usedPattern).length),
    coverage: avg(epics.flatMap((e) => (e.coverage === null ? [] : [e.coverage]))),
    costUsd: ran.reduce((s, e) => s + e.costUsd, 0),
    tokens: ran.reduce((s, e) => s + e.tokens, 0),
    phases: [...merged.values()].sort(
      (a, b) => phaseOrder.indexOf(a.phase) - phaseOrder.indexOf(b.phase),
    ),
  };
}

/** One CSV row per epic, for spreadsheets. */
export function figuresToCsv(epics: EpicFigures[]): string {
  const head = [
    "epic",
    "title",
    "lead_time_hours",
    "waiting_hours",
    "interventions",
    "first_time_success",
    "used_pattern",
    "coverage",
    "turns",
    "tokens",
    "cost_usd",
  ];
  const esc = (v: unknown) =>
    typeof v === "string" && /[",\n]/.test(v)
      ? `"${v.replace(/"/g, '""')}"`
      : v === null
        ? ""
        : String(v);
  const rows = epics.map((e) =>
    [
      `#${e.number}`,
      e.title,
      e.leadTimeHours,
      e.waitingHours,
      e.interventions,
      e.firstTimeSuccess,
      e.usedPattern,
      e.coverage,
      e.turns,
      e.tokens,
      e.costUsd.toFixed(4),
    ]
      .map(esc)
      .join(","),
  );
  return [head.join(","), ...rows].join("\n") + "\n";
}

export type DayFigures = {
  day: string;
  runs: number;
  failed: number;
  costUsd: number;
  turns: number;
};

/** Runs per day (by start, UTC): how much work ran, failed and cost, over time. */
export function runsOverTime(
  runs: { startedAt: Date | null; status: string; costUsd: number; turns: number }[],
): DayFigures[] {
  const by = new Map<string, DayFigures>();
  for (const r of runs) {
    if (!r.startedAt) continue;
    const day = r.startedAt.toISOString().slice(0, 10);
    const d = by.get(day) ?? { day, runs: 0, failed: 0, costUsd: 0, turns: 0 };
    d.runs += 1;
    if (r.status === "failed" || r.status === "timed_out") d.failed += 1;
    d.costUsd = Math.round((d.costUsd + r.costUsd) * 10000) / 10000;
    d.turns += r.turns;
    by.set(day, d);
  }
  return [...by.values()].sort((a, b) => a.day.localeCompare(b.day));
}

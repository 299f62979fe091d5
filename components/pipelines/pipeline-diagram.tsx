import type { PipelineSpec } from "@/lib/schemas/pipeline";

const W = 168;
const H = 92;
const GAP = 40;

/** The pipeline as boxes and arrows: name, runner, limits, and what its gate asks. */
export function PipelineDiagram({ spec }: { spec: PipelineSpec }) {
  const lanes = [
    ...spec.phases.map((p) => ({ ...p, done: false })),
    { key: "DONE", name: "Done", done: true } as const,
  ];
  const width = lanes.length * W + (lanes.length - 1) * GAP + 8;
  return (
    <svg
      role="img"
      aria-label={`Pipeline: ${spec.phases.map((p) => p.key).join(" → ")} → Done`}
      viewBox={`0 0 ${width} ${H + 8}`}
      className="h-auto w-full min-w-[40rem]"
      data-testid="pipeline-diagram"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#94a3b8" />
        </marker>
      </defs>
      {lanes.map((p, i) => {
        const x = 4 + i * (W + GAP);
        const checks = p.done
          ? []
          : [
              p.gate.runSucceeded && "run ok",
              p.gate.todosCompleted && "todos",
              ...p.gate.metrics.map((m) => `${m.name}${m.op}${m.value}`),
              (p.gate.approval || p.approvalRequired) && "approval",
              p.gate.review !== "none" && "review",
            ].filter(Boolean);
        return (
          <g key={p.key}>
            {i > 0 && (
              <line
                x1={x - GAP + 2}
                y1={4 + H / 2}
                x2={x - 4}
                y2={4 + H / 2}
                stroke="#94a3b8"
                strokeWidth="2"
                markerEnd="url(#arrow)"
              />
            )}
            <rect
              x={x}
              y={4}
              width={W}
              height={H}
              rx="8"
              fill={p.done ? "#ecfdf5" : "#ffffff"}
              stroke={p.done ? "#6ee7b7" : "#cbd5e1"}
            />
            <text x={x + 10} y={24} fontSize="12" fontWeight="600" fill="#0f172a">
              {p.name}
            </text>
            {!p.done && (
              <>
                <text x={x + 10} y={41} fontSize="10" fill="#64748b">
                  {p.key} · {p.runner}
                </text>
                <text x={x + 10} y={56} fontSize="10" fill="#64748b">
                  {p.maxTurns} turns · {Math.round(p.timeoutSec / 60)} min
                  {p.autoAdvance ? " · auto" : ""}
                </text>
                <text x={x + 10} y={78} fontSize="10" fill="#4f46e5">
                  gate: {checks.join(", ") || "none"}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}

// `npm run bench`: every benchmark in turn; `npm run bench -- soak agents` only those named. Each
// prints a table of ratios against a baseline it measures in the same run (absolute times on these
// machines are noisy). With BENCH_POSTGRES_URL set, event persistence is measured on PostgreSQL too;
// with BENCH_REDIS_URL as well, a cluster. The soak lasts BENCH_SOAK_MINUTES (30).
import { spawnSync } from "node:child_process";

const { BENCH_POSTGRES_URL: postgres, ...env } = process.env;
const withPg = { ...env, ...(postgres ? { BENCH_POSTGRES_URL: postgres } : {}) };
const benches: [name: string, file: string, env: NodeJS.ProcessEnv][] = [
  ["persistence", "bench/event-persistence.ts", env],
  ...(postgres
    ? [
        ["persistence-pg", "bench/event-persistence.ts", withPg] as [
          string,
          string,
          NodeJS.ProcessEnv,
        ],
      ]
    : []),
  ["fanout", "bench/fanout-latency.ts", env],
  ["socket-memory", "bench/socket-memory.ts", env],
  ["reconnect", "bench/reconnect-storm.ts", env],
  ["board", "bench/board-render.ts", env],
  ["browser", "bench/browser-cost.ts", env],
  ["mixed", "bench/mixed-load.ts", env],
  ["agents", "bench/many-agents.ts", env],
  // Two web nodes + a worker through Redis against one node (skipped without BENCH_REDIS_URL).
  ["scale-out", "bench/scale-out.ts", withPg],
  ["soak", "bench/soak.ts", env],
];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benches.some(([name]) => name === w));
if (unknown.length) {
  console.error(
    `No benchmark named ${unknown.join(", ")}. Names: ${benches.map(([n]) => n).join(", ")}.`,
  );
  process.exit(2);
}
let failed = 0;
for (const [name, file, benchEnv] of benches) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n# ${name}: ${file}${benchEnv.BENCH_POSTGRES_URL ? " (PostgreSQL)" : ""}`);
  const r = spawnSync(
    "node_modules/.bin/tsx",
    ["--import", "./scripts/server-only-hook.mjs", file],
    { stdio: "inherit", env: benchEnv },
  );
  if (r.status !== 0) {
    failed += 1;
    console.error(`${name} failed (exit ${r.status ?? r.signal}).`);
  }
}
process.exit(failed ? 1 : 0);

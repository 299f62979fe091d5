// `npm run bench`: every benchmark in turn; each prints a table of ratios against a baseline it
// measures in the same run (absolute times on these machines are noisy). With BENCH_POSTGRES_URL
// set, event persistence is measured on PostgreSQL too; with BENCH_REDIS_URL as well, a cluster.
import { spawnSync } from "node:child_process";

const { BENCH_POSTGRES_URL: postgres, ...env } = process.env;
const benches: [string, NodeJS.ProcessEnv][] = [
  ["bench/event-persistence.ts", env],
  ...(postgres
    ? [
        ["bench/event-persistence.ts", { ...env, BENCH_POSTGRES_URL: postgres }] as [
          string,
          NodeJS.ProcessEnv,
        ],
      ]
    : []),
  ["bench/fanout-latency.ts", env],
  ["bench/socket-memory.ts", env],
  ["bench/reconnect-storm.ts", env],
  ["bench/board-render.ts", env],
  // Two web nodes + a worker through Redis against one node (skipped without BENCH_REDIS_URL).
  ["bench/scale-out.ts", { ...env, ...(postgres ? { BENCH_POSTGRES_URL: postgres } : {}) }],
];
let failed = 0;
for (const [file, benchEnv] of benches) {
  console.log(`\n# ${file}${benchEnv.BENCH_POSTGRES_URL ? " (PostgreSQL)" : ""}`);
  const r = spawnSync(
    "node_modules/.bin/tsx",
    ["--import", "./scripts/server-only-hook.mjs", file],
    { stdio: "inherit", env: benchEnv },
  );
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);

// `npm run bench`: every benchmark in turn; each prints a table of ratios against a baseline it
// measures in the same run (absolute times on these machines are noisy).
import { spawnSync } from "node:child_process";

const benches = ["bench/event-persistence.ts", "bench/fanout-latency.ts"];
let failed = 0;
for (const file of benches) {
  console.log(`\n# ${file}`);
  const r = spawnSync("node_modules/.bin/tsx", ["--import", "./scripts/server-only-hook.mjs", file], { stdio: "inherit" });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);

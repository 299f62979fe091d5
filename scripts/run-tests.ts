// `npm test`: type-check, vitest (unit + integration on real SQLite files; again on PostgreSQL when
// TEST_POSTGRES_URL is set), a production build,
// then Playwright against the real server in Chromium. Ends with one plain summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

// TEST_POSTGRES_URL (a PostgreSQL server; .ci/run starts one) adds a second integration run on
// PostgreSQL; the first run stays on SQLite files.
// With TEST_REDIS_URL too, a cluster (two web nodes + workers) is tested end to end as well.
const { TEST_POSTGRES_URL: postgres, TEST_REDIS_URL: redis, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
};
const bin = (name: string) => `node_modules/.bin/${name}`;
const results = ".test-summary"; // not test-results/: Playwright empties that folder when it starts
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function step(
  title: string,
  cmd: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): boolean {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(
    `${r.status === 0 ? "✔" : "✘"} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return r.status === 0;
}

const vitestJson = `${results}/vitest.json`;
const postgresJson = `${results}/vitest-postgres.json`;
const clusterJson = `${results}/playwright-cluster.json`;
const playwrightJson = `${results}/playwright.json`;
const only = process.argv[2];
let ok = true;
if (!only || only === "unit") {
  // House rules as checks (shared/STYLE.md): one formatter, and the folder rules with no import cycle.
  ok =
    step("format (Prettier, 100 columns)", bin("prettier"), [
      "--check",
      "--log-level",
      "warn",
      "**/*.{ts,tsx,mjs,cjs,css}",
    ]) && ok;
  ok =
    step("import boundaries and cycles (dependency-cruiser)", bin("depcruise"), [
      "app",
      "components",
      "lib",
      "server.ts",
      "scripts",
      "--config",
      ".dependency-cruiser.cjs",
    ]) && ok;
  ok = step("type-check", bin("tsc"), ["--noEmit"]) && ok;
  ok =
    step("unit + integration (vitest)", bin("vitest"), [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${vitestJson}`,
    ]) && ok;
  // With Redis too, the run queue's tests run in this pass (as in production: PostgreSQL + Redis).
  if (postgres)
    ok =
      step(
        "integration on PostgreSQL (vitest)",
        bin("vitest"),
        [
          "run",
          "tests/integration",
          "--reporter=default",
          "--reporter=json",
          `--outputFile=${postgresJson}`,
        ],
        { TEST_POSTGRES_URL: postgres, ...(redis ? { TEST_REDIS_URL: redis } : {}) },
      ) && ok;
}
if (!only || only === "e2e") {
  const built = step("production build", bin("next"), ["build"]);
  ok = built && ok;
  if (built)
    ok =
      step(
        "end to end (Playwright, Chromium)",
        bin("playwright"),
        ["test", "--reporter=list,json"],
        { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
      ) && ok;
  if (built && postgres && redis) {
    ok =
      step(
        "cluster: two web nodes + workers on PostgreSQL and Redis (Playwright)",
        bin("playwright"),
        ["test", "-c", "playwright.cluster.config.ts", "--reporter=list,json"],
        {
          PLAYWRIGHT_JSON_OUTPUT_NAME: clusterJson,
          TEST_POSTGRES_URL: postgres,
          TEST_REDIS_URL: redis,
        },
      ) && ok;
  }
}

let passed = 0;
let failed = 0;
for (const file of [vitestJson, postgresJson].filter(existsSync)) {
  const v = JSON.parse(readFileSync(file, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
}
for (const file of [playwrightJson, clusterJson].filter(existsSync)) {
  const p = JSON.parse(readFileSync(file, "utf8"));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
}
if (!ok && failed === 0) failed = 1; // a step that failed before running tests (type-check, build)
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);

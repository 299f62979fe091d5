import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/chromium";
import { NODE_B } from "./e2e-cluster/cluster-env";

// Two web nodes + workers on PostgreSQL and Redis (TEST_POSTGRES_URL, TEST_REDIS_URL): see e2e-cluster/.
process.env.HB_CLUSTER_DB ??= `hb_cluster_${Date.now().toString(36)}`;
export default defineConfig({
  testDir: "e2e-cluster",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${NODE_B}`,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node_modules/.bin/tsx e2e-cluster/start-cluster.ts",
    url: `http://127.0.0.1:${NODE_B}/sign-in`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    // The launcher stops both nodes and drops the session's database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});

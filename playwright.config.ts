import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/chromium";
import { E2E_ADMIN_KEY } from "./e2e/keys";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DB = "data/e2e.db";

// The real server (`server.ts`, production build) on a fresh SQLite file, driven in real Chromium.
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  projects: [
    // A fresh install: the set-up page makes the admin, who invites one person per role.
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "app",
      testIgnore: /auth\.setup\.ts/,
      dependencies: ["setup"],
      use: { storageState: "e2e/.auth/admin.json" },
    },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `rm -rf ${DB} ${DB}-wal ${DB}-shm data/e2e && tsx --import ./scripts/server-only-hook.mjs scripts/seed.ts --large --scenario && tsx --import ./scripts/server-only-hook.mjs server.ts`,
    url: `http://127.0.0.1:${PORT}/api/v1/projects/demo/board`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: `file:./${DB}`,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HIVEBOARD_DEMO_PACE_MS: "350",
      HIVEBOARD_DATA_DIR: "data/e2e",
      HIVEBOARD_ADMIN_API_KEY: E2E_ADMIN_KEY,
    },
  },
});

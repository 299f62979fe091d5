import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^server-only$/, replacement: path.resolve("node_modules/server-only/empty.js") },
      { find: /^@\//, replacement: `${path.resolve(".")}/` },
    ],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    setupFiles: ["tests/setup/temp-database.ts"],
    pool: "forks",
    testTimeout: 20_000,
  },
});

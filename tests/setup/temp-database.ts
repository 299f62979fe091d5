// Every test file gets its own real SQLite file, migrated with the committed migrations.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "hiveboard-test-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.HIVEBOARD_DATA_DIR = path.join(dir, "data");
process.env.HIVEBOARD_DEMO_PACE_MS ??= "15";

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

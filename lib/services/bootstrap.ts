import "server-only";
import { seedDemo } from "@/prisma/seed";
import { dbReady, getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";

/** Start-up: migrate the database, seed the demo project into an empty one. Idempotent. */
export async function bootstrap(): Promise<{ migrated: string[]; seeded: boolean }> {
  const { DATABASE_URL } = env();
  const { applied } = await migrateDatabase(DATABASE_URL);
  await dbReady();
  const seeded = await seedDemo(getDb());
  return { migrated: applied, seeded };
}

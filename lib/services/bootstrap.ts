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
  // Nodes starting together may race to seed an empty database: the loser finds it seeded.
  const seeded = await seedDemo(getDb()).catch((error: { code?: string }) => {
    if (error?.code === "P2002") return false;
    throw error;
  });
  return { migrated: applied, seeded };
}

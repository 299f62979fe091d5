import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";

const { applied, total } = await migrateDatabase(env().DATABASE_URL);
console.log(
  applied.length
    ? `Applied ${applied.join(", ")}`
    : `Database is up to date (${total} migrations).`,
);

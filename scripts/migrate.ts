import { migrateSqlite } from "@/lib/db/migrate";
import { env } from "@/lib/env";

const { applied, total } = migrateSqlite(env().DATABASE_URL);
console.log(applied.length ? `Applied ${applied.join(", ")}` : `Database is up to date (${total} migrations).`);

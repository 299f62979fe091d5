import { defineConfig } from "prisma/config";

// The CLI reads its connection here (Prisma 7 forbids `url` in the schema). The app itself
// connects through lib/db with a driver adapter and applies migrations with scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/hiveboard.db" },
});

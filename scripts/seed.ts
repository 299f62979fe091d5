// `npm run seed` (demo project, when the database is empty) and `npm run seed:large` (1,000 epics).
import { seedLarge } from "@/prisma/seed";
import { seedMetricsScenario } from "@/prisma/seed-metrics";
import { closeDb, getDb } from "@/lib/db/client";
import { bootstrap } from "@/lib/services/bootstrap";

const { seeded } = await bootstrap();
console.log(
  seeded ? "Seeded the demo project." : "Demo seed skipped: the database already has projects.",
);
if (process.argv.includes("--large")) {
  const made = await seedLarge(getDb());
  console.log(
    made
      ? "Seeded project 'large' with 1,000 epics: /projects/large/board"
      : "Project 'large' exists already.",
  );
}
if (process.argv.includes("--scenario")) {
  const made = await seedMetricsScenario(getDb());
  console.log(
    made
      ? "Seeded project 'metrics-demo' with a known history: /metrics?project=metrics-demo"
      : "Project 'metrics-demo' exists already.",
  );
}
await closeDb();

// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: the same models, another provider
// and its own generated client. tests/integration/schema-twins.test.ts fails when they drift.
import { readFileSync, writeFileSync } from "node:fs";
import { derivePostgresSchema } from "../lib/db/schema-twin";

const sqlite = readFileSync("prisma/schema.prisma", "utf8");
writeFileSync("prisma/postgres/schema.prisma", derivePostgresSchema(sqlite));
console.log("wrote prisma/postgres/schema.prisma");

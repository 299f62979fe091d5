// Pure: derives the PostgreSQL twin of the SQLite schema. Only the provider and the client's
// output folder differ; the header says the file is generated.
export function derivePostgresSchema(sqliteSchema: string): string {
  const body = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output   = "../generated/prisma"', 'output   = "../../generated/prisma-postgres"');
  return `// GENERATED from prisma/schema.prisma by \`npm run db:schema:postgres\`: edit that file instead.\n${body}`;
}

// Generates both Prisma clients (SQLite default, PostgreSQL twin) offline.
// Prisma 7's CLI tries to fetch the schema engine even for `generate`, which needs none:
// pointing PRISMA_SCHEMA_ENGINE_BINARY at /bin/false keeps it from downloading (see shared/STACK.md).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const schemas = ["prisma/schema.prisma", "prisma/postgres/schema.prisma"];
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

for (const schema of schemas) {
  if (!existsSync(schema)) throw new Error(`missing ${schema}`);
  execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "generate", "--schema", schema],
    { stdio: "inherit", env },
  );
}

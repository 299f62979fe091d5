import { dbReady, getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { insertProject } from "@/lib/services/projects";

/** Migrates this file's database and returns the shared client. */
export async function freshDb() {
  await migrateDatabase(process.env.DATABASE_URL!);
  await dbReady();
  return getDb();
}

export const manager: Actor = {
  type: "user",
  id: "u-manager",
  label: "Mia Manager",
  role: "manager",
};
export const system = SYSTEM_ACTOR;

let counter = 0;
export async function makeProject(slug = `p${++counter}-${Date.now()}`) {
  return insertProject(getDb(), {
    name: `Project ${slug}`,
    slug,
    repo: "/tmp/repo",
    defaultBranch: "main",
    description: "",
  });
}

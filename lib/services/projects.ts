import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db/client";
import { findProjectById, findProjectBySlug } from "@/lib/db/projects";
import { DEFAULT_PIPELINE } from "@/lib/domain/default-pipeline";
import type { ProjectInput, UpdateProjectInput } from "@/lib/schemas/project";
import { commitChange, fail } from "./commit-change";
import { checkRepository } from "./worktrees";

async function slugTaken(tx: Tx, slug: string, exceptId?: string) {
  const other = await tx.project.findUnique({ where: { slug }, select: { id: true } });
  return other !== null && other.id !== exceptId;
}

/** A project and its default pipeline, created together. */
export async function insertProject(
  tx: Tx,
  input: ProjectInput,
  /** Seeded sample projects say "demo": they are there to show the bundled agent at work. */
  runner: "claude-code" | "demo" = "claude-code",
) {
  return tx.project.create({
    data: {
      ...input,
      pipeline: {
        create: {
          phases: {
            // The best agent there is: Claude Code, with the demo agent standing in (and labelled
            // so) wherever it is not installed — runs pick it when they start.
            create: DEFAULT_PIPELINE.map((p, position) => ({
              ...p,
              position,
              runner,
            })),
          },
        },
      },
    },
  });
}

/** The repository check as a form error on the field it concerns. */
async function repositoryProblem(repo: string, defaultBranch: string) {
  const check = await checkRepository(repo, defaultBranch);
  return check.ok ? null : fail("repository", check.message, { [check.field]: check.message });
}

export async function createProject(actor: Actor, input: ProjectInput) {
  const problem = await repositoryProblem(input.repo, input.defaultBranch);
  if (problem) return problem;
  return commitChange(actor, async (tx) => {
    if (await slugTaken(tx, input.slug)) {
      return fail("slug-taken", "That slug is taken.", {
        slug: `"${input.slug}" is already used by another project`,
      });
    }
    const project = await insertProject(tx, input);
    return {
      ok: true,
      value: { id: project.id, slug: project.slug },
      audit: {
        action: "project.create",
        objectType: "project",
        objectId: project.id,
        projectId: project.id,
        data: { name: input.name },
      },
    };
  });
}

export async function updateProject(actor: Actor, input: UpdateProjectInput) {
  const { id, ...fields } = input;
  const stored = await findProjectById(getDb(), id);
  // A project saved before this check keeps its repository setting until someone changes it.
  if (!stored || stored.repo !== fields.repo || stored.defaultBranch !== fields.defaultBranch) {
    const problem = await repositoryProblem(fields.repo, fields.defaultBranch);
    if (problem) return problem;
  }
  return commitChange(actor, async (tx) => {
    const before = await findProjectById(tx, id);
    if (!before)
      return fail("project-not-found", "This project does not exist (it may have been deleted).");
    if (await slugTaken(tx, fields.slug, id)) {
      return fail("slug-taken", "That slug is taken.", {
        slug: `"${fields.slug}" is already used by another project`,
      });
    }
    const project = await tx.project.update({ where: { id }, data: fields });
    return {
      ok: true,
      value: { id: project.id, slug: project.slug },
      audit: {
        action: "project.update",
        objectType: "project",
        objectId: id,
        projectId: id,
        data: fields,
      },
      board: { type: "project:updated", epicId: null },
    };
  });
}

/** A project's id by its slug (what REST paths name), or null. */
export async function projectIdBySlug(slug: string): Promise<string | null> {
  const project = await findProjectBySlug(getDb(), slug);
  return project?.id ?? null;
}

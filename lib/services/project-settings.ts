import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { Prisma, Project } from "@/generated/prisma/client";
import type { AutomagikServerSchema } from "@/lib/schemas/project";
import type { ProjectSettingsInput, VariableChange } from "@/lib/schemas/project-settings";
import type { z } from "zod";
import type { ActionResult } from "@/lib/schemas/common";
import { outboundUrlError } from "@/lib/http/outbound";
import { commitChange, fail } from "./commit-change";

// A project's settings that reach its agents: the Automagik server, who answers approvals, and the
// variables and secrets put in every agent's environment. Secrets are sealed at rest and never
// given back to people (REST and pages show them masked); only a launching run opens them.

const MAX_VARIABLES = 100;
type AutomagikInput = Omit<z.output<typeof AutomagikServerSchema>, "projectId">;

/** The Automagik server and its key (sealed; an empty key keeps the stored one). */
export async function applyAutomagik(tx: Tx, project: Project, input: AutomagikInput) {
  const key =
    input.clearKey || !input.url
      ? null
      : input.apiKey
        ? sealSecret(input.apiKey)
        : project.automagikKey;
  await tx.project.update({
    where: { id: project.id },
    data: { automagikUrl: input.url || null, automagikKey: key },
  });
  return {
    url: input.url || null,
    keySet: key !== null,
    keyChanged: Boolean(input.apiKey) || input.clearKey,
  };
}

/** Sets and removes variables; null when the project would pass the limit. */
export async function applyVariables(
  tx: Tx,
  projectId: string,
  changes: VariableChange[],
  by: string,
): Promise<{ set: string[]; removed: string[] } | null> {
  const set: string[] = [];
  const removed: string[] = [];
  for (const v of changes) {
    if (v.remove) {
      const { count } = await tx.projectVariable.deleteMany({ where: { projectId, name: v.name } });
      if (count) removed.push(v.name);
      continue;
    }
    const value = v.secret ? sealSecret(v.value ?? "") : (v.value ?? "");
    await tx.projectVariable.upsert({
      where: { projectId_name: { projectId, name: v.name } },
      create: { projectId, name: v.name, value, secret: v.secret, updatedBy: by },
      update: { value, secret: v.secret, updatedBy: by },
    });
    set.push(v.name);
  }
  const total = await tx.projectVariable.count({ where: { projectId } });
  return total > MAX_VARIABLES ? null : { set, removed };
}

const tooMany = () =>
  fail("too-many-variables", `A project has at most ${MAX_VARIABLES} variables.`, {
    name: `At most ${MAX_VARIABLES} variables: remove one first`,
  });
const noProject = () =>
  fail("project-not-found", "This project does not exist (it may have been deleted).");

/** Changes any part of a project's settings in one transaction with one audit row. */
export function saveProjectSettings(actor: Actor, input: ProjectSettingsInput) {
  return commitChange(actor, async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId } });
    if (!project) return noProject();
    const data: Record<string, Prisma.InputJsonValue> = {};
    if (input.automagik) {
      const refused = input.automagik.url ? outboundUrlError(input.automagik.url) : null;
      if (refused)
        return fail("invalid-input", "Some fields need fixing.", {
          "automagik.url": refused,
        });
      const { keyChanged, url } = await applyAutomagik(tx, project, input.automagik);
      data.automagik = { url, keyChanged };
    }
    if (input.developersAnswerApprovals !== undefined) {
      await tx.project.update({
        where: { id: project.id },
        data: { developersAnswerApprovals: input.developersAnswerApprovals },
      });
      data.developersAnswerApprovals = input.developersAnswerApprovals;
    }
    if (input.variables) {
      const changed = await applyVariables(tx, project.id, input.variables, actor.label);
      if (!changed) return tooMany();
      data.variables = changed;
    }
    const settings = await settingsOf(tx, project.id);
    if (!settings) return noProject();
    return {
      ok: true,
      value: settings,
      audit: {
        action: "project.settings",
        objectType: "project",
        objectId: project.id,
        projectId: project.id,
        data,
      },
    };
  });
}

/** One variable set or removed (the settings page). */
export function setProjectVariable(actor: Actor, input: VariableChange & { projectId: string }) {
  return saveProjectSettings(actor, { projectId: input.projectId, variables: [input] });
}

/** The Automagik server alone (the settings page's form). */
export async function setAutomagikServer(
  actor: Actor,
  { projectId, ...automagik }: z.output<typeof AutomagikServerSchema>,
): Promise<ActionResult<{ url: string | null; keySet: boolean }>> {
  const r = await saveProjectSettings(actor, { projectId, automagik });
  if (r.ok) return { ok: true, data: r.data.automagik };
  // The settings page's form names its fields without the prefix.
  const fieldErrors = r.fieldErrors
    ? Object.fromEntries(
        Object.entries(r.fieldErrors).map(([k, v]) => [k.replace(/^automagik\./, ""), v]),
      )
    : undefined;
  return { ...r, fieldErrors };
}

/** Whether developers answer this project's tool approvals (the permission rules panel). */
export async function setApprovalSettings(
  actor: Actor,
  input: { projectId: string; developersAnswerApprovals: boolean },
): Promise<ActionResult<{ developersAnswerApprovals: boolean }>> {
  const r = await saveProjectSettings(actor, input);
  return r.ok
    ? { ok: true, data: { developersAnswerApprovals: r.data.developersAnswerApprovals } }
    : r;
}

export type VariableView = {
  name: string;
  secret: boolean;
  /** A plain variable's value; null for a secret (write-only). */
  value: string | null;
  updatedBy: string;
  updatedAt: string;
};

/** What people may see of a project's settings: secrets masked, keys never. */
export async function settingsOf(db: Db | Tx, projectId: string) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    include: { variables: { orderBy: { name: "asc" } } },
  });
  if (!project) return null;
  return {
    automagik: { url: project.automagikUrl, keySet: project.automagikKey !== null },
    developersAnswerApprovals: project.developersAnswerApprovals,
    variables: project.variables.map((v): VariableView => ({
      name: v.name,
      secret: v.secret,
      value: v.secret ? null : v.value,
      updatedBy: v.updatedBy,
      updatedAt: v.updatedAt.toISOString(),
    })),
  };
}

export const getProjectSettings = (projectId: string) => settingsOf(getDb(), projectId);

/**
 * The environment a project gives its agents, secrets opened. A secret sealed under another server
 * secret cannot be opened: the launch fails with the names to enter again.
 */
export async function agentVariables(projectId: string): Promise<Record<string, string>> {
  const rows = await getDb().projectVariable.findMany({ where: { projectId } });
  const env: Record<string, string> = {};
  const unreadable: string[] = [];
  for (const v of rows) {
    const value = v.secret ? openSecret(v.value) : v.value;
    if (value === null) unreadable.push(v.name);
    else env[v.name] = value;
  }
  if (unreadable.length)
    throw new Error(
      `The secret${unreadable.length > 1 ? "s" : ""} ${unreadable.join(", ")} cannot be read (the server secret changed): enter ${unreadable.length > 1 ? "them" : "it"} again in the project's settings.`,
    );
  return env;
}

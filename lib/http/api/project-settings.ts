import "server-only";
import { z } from "zod";
import { ACTIONS } from "@/lib/actions/catalog";
import { PermissionRuleInputSchema } from "@/lib/schemas/permission-rule";
import { PhaseSpecSchema, PipelineSpecSchema, type PipelineSpec } from "@/lib/schemas/pipeline";
import { pipelineToYaml } from "@/lib/schemas/pipeline-yaml";
import { ProjectSettingsBase } from "@/lib/schemas/project-settings";
import { listPermissionRules } from "@/lib/services/permission-rules";
import { getPipelineSpec } from "@/lib/services/pipelines";
import { getProjectSettings } from "@/lib/services/project-settings";
import { projectIdBySlug } from "@/lib/services/projects";
import { command, query } from "../operation";

// A project's pipeline, settings and tool-permission rules over REST: the same actions (schema,
// permission, audit, messages) as the pipeline and settings pages.

const Slug = z.object({ slug: z.string().max(40) });
const NOT_FOUND = ["project-not-found", "No project with that slug."] as [string, string];

/** {slug, …} from the path → {projectId, …} for the action. */
async function bySlug(raw: Record<string, unknown>) {
  const { slug, ...rest } = raw;
  const projectId = await projectIdBySlug(String(slug ?? ""));
  if (!projectId) return { ok: false as const, code: NOT_FOUND[0], message: NOT_FOUND[1] };
  return { ...rest, projectId };
}
const withId = async <T>(slug: unknown, f: (projectId: string) => Promise<T>) => {
  const id = await projectIdBySlug(String(slug));
  return id ? f(id) : null;
};

const wantsYaml = (request: Request, format?: string) =>
  format === "yaml" || /yaml/.test(request.headers.get("accept") ?? "");

/** JSON bodies carry the pipeline as a spec object ({name, phases}) or as {yaml}. */
async function pipelineBody(raw: Record<string, unknown>) {
  const resolved: Record<string, unknown> = await bySlug(raw);
  if ("ok" in resolved || typeof resolved.yaml === "string") return resolved;
  const { projectId, ...spec } = resolved;
  return { projectId, yaml: pipelineToYaml(spec as PipelineSpec) };
}

const VariableOut = z.object({
  name: z.string(),
  secret: z.boolean(),
  value: z.string().nullable().describe("null for a secret: secrets are write-only"),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
const SettingsOut = z.object({
  automagik: z.object({ url: z.string().nullable(), keySet: z.boolean() }),
  developersAnswerApprovals: z.boolean(),
  variables: z.array(VariableOut),
});
const RuleOut = z.object({
  id: z.string(),
  rule: z.string(),
  behavior: z.string(),
  phase: z.string().nullable(),
  epicId: z.string().nullable(),
  createdBy: z.string(),
});

export const projectSettingsOps = {
  getPipeline: query({
    path: "/projects/{slug}/pipeline",
    tag: "projects",
    summary:
      "A project's pipeline: JSON, or pipeline.yaml with ?format=yaml or Accept: application/yaml",
    input: Slug.extend({ format: z.enum(["json", "yaml"]).optional() }),
    output: PipelineSpecSchema,
    notFound: NOT_FOUND,
    run: async (_actor, { slug, format }, request) => {
      const spec = await withId(slug, getPipelineSpec);
      if (!spec || !wantsYaml(request, format)) return spec;
      return new Response(pipelineToYaml(spec), {
        headers: { "content-type": "application/yaml; charset=utf-8", "cache-control": "no-store" },
      });
    },
  }),
  putPipeline: command(ACTIONS.savePipeline, {
    method: "PUT",
    path: "/projects/{slug}/pipeline",
    tag: "projects",
    summary:
      "Replace the pipeline: pipeline.yaml (Content-Type application/yaml) or JSON ({name, phases} or {yaml})",
    input: Slug.extend({
      yaml: z.string().optional().describe("pipeline.yaml as text (or send the spec's fields)"),
      name: z.string().optional(),
      phases: z.array(PhaseSpecSchema).optional(),
    }),
    yamlBody: "yaml",
    resolve: pipelineBody,
    output: z.object({ phases: z.number().describe("How many phases the pipeline has now") }),
  }),
  getSettings: query({
    path: "/projects/{slug}/settings",
    tag: "projects",
    permission: "project:update",
    summary:
      "A project's settings: Automagik server, approvals, agents' variables (secrets masked)",
    input: Slug,
    output: SettingsOut,
    notFound: NOT_FOUND,
    run: (_actor, { slug }) => withId(slug, getProjectSettings),
  }),
  putSettings: command(ACTIONS.saveProjectSettings, {
    method: "PUT",
    path: "/projects/{slug}/settings",
    tag: "projects",
    summary:
      "Change settings: what is given changes, the rest stays; variables are set or removed by name",
    input: Slug.extend(ProjectSettingsBase.omit({ projectId: true }).shape),
    resolve: bySlug,
    output: SettingsOut,
  }),
  listRules: query({
    path: "/projects/{slug}/permission-rules",
    tag: "projects",
    permission: "project:update",
    summary: "The tool-permission rules that answer agents' prompts before a person",
    input: Slug,
    output: z.object({ rules: z.array(RuleOut) }),
    notFound: NOT_FOUND,
    run: (_actor, { slug }) =>
      withId(slug, async (id) => ({
        rules: (await listPermissionRules(id)).map(
          ({ id, rule, behavior, phase, epicId, createdBy }) => ({
            id,
            rule,
            behavior,
            phase,
            epicId,
            createdBy,
          }),
        ),
      })),
  }),
  addRule: command(ACTIONS.addPermissionRule, {
    method: "POST",
    path: "/projects/{slug}/permission-rules",
    tag: "projects",
    summary: "Add a rule (Claude Code's syntax: Bash(npm test:*), Edit(src/**), Read)",
    status: 201,
    input: Slug.extend(PermissionRuleInputSchema.omit({ projectId: true }).shape),
    resolve: bySlug,
    output: z.object({ id: z.string() }),
  }),
  removeRule: command(ACTIONS.removePermissionRule, {
    method: "DELETE",
    path: "/permission-rules/{id}",
    tag: "projects",
    summary: "Remove a tool-permission rule",
  }),
};

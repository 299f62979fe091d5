// `hiveboard`: epics, runs and decisions from a terminal, thin over the REST API.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { ApiError, apiClient, type Api } from "./client";
import { isEnded, progressLine, type RunView } from "./progress";
import { review, REVIEW_COMMANDS, REVIEW_USAGE } from "./review";

const USAGE = `hiveboard — Hiveboard from the terminal (HIVEBOARD_URL, HIVEBOARD_API_KEY)

  hiveboard epics list --project <slug> [--phase P] [--status S] [--search TEXT]
  hiveboard epics create --project <slug> --title T [--description D] [--type feature|bug|chore|spike] [--priority high|medium|low]
  hiveboard run start <epic-id> [--pattern <id>]... [--watch]
  hiveboard run status <run-id>
  hiveboard run feedback <run-id> <message> [--interrupt]
  hiveboard run kill <run-id>
  hiveboard run watch <run-id>            live progress until the run ends (exit 0 when it completed)
  hiveboard decisions list [--status open|closed]
  hiveboard decisions answer <decision-id> <option> [--comment C]
${REVIEW_USAGE}

  --json prints the API's JSON instead of text.`;

type Out = {
  log: (line: string) => void;
  live: (line: string) => void;
  isTTY: boolean;
  columns: number;
};
type Flags = Record<string, string | boolean | string[] | undefined>;

const projectId = async (api: Api, slug: string) => {
  const { projects } = await api<{ projects: { id: string; slug: string }[] }>("GET", "/projects");
  const p = projects.find((x) => x.slug === slug || x.id === slug);
  if (!p)
    throw new ApiError(
      `No project ${slug}. Projects: ${projects.map((x) => x.slug).join(", ")}`,
      404,
      null,
    );
  return p.id;
};

const need = (value: string | undefined, what: string) => {
  if (!value) throw new ApiError(`Missing ${what}.\n\n${USAGE}`, 0, null);
  return value;
};

/** Follows a run's figures until it ends; one redrawn line on a terminal, a line per change otherwise. */
async function watch(api: Api, runId: string, out: Out, pollMs = 500): Promise<number> {
  let last = "";
  for (;;) {
    const run = await api<
      RunView & { id: string; error: string | null; resultSummary: string | null }
    >("GET", `/runs/${runId}`);
    const line = progressLine(run, out.columns);
    if (line !== last) out.live(line);
    last = line;
    if (isEnded(run.status)) {
      if (run.resultSummary) out.log(run.resultSummary);
      if (run.error) out.log(`Error: ${run.error}`);
      return run.status === "completed" ? 0 : 1;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

async function epics(api: Api, sub: string | undefined, flags: Flags, out: Out, json: boolean) {
  const project = need(flags.project as string, "--project <slug>");
  if (sub === "list") {
    const q = new URLSearchParams({
      project,
      limit: "200",
      ...(flags.phase ? { phase: String(flags.phase) } : {}),
      ...(flags.status ? { status: String(flags.status) } : {}),
      ...(flags.search ? { q: String(flags.search) } : {}),
    });
    const page = await api<{
      epics: {
        id: string;
        number: number;
        title: string;
        phase: string;
        status: string;
        priority: string;
      }[];
    }>("GET", `/epics?${q}`);
    if (json) return out.log(JSON.stringify(page, null, 2));
    if (!page.epics.length) return out.log("No epics match.");
    for (const e of page.epics)
      out.log(
        `#${String(e.number).padEnd(4)} ${e.phase.padEnd(10)} ${e.status.padEnd(8)} ${e.priority.padEnd(6)} ${e.title}  (${e.id})`,
      );
    return;
  }
  if (sub === "create") {
    const body = {
      projectId: await projectId(api, project),
      title: need(flags.title as string, "--title"),
      description: (flags.description as string) ?? "",
      type: (flags.type as string) ?? "feature",
      priority: (flags.priority as string) ?? "medium",
    };
    const { id } = await api<{ id: string }>("POST", "/epics", body);
    return out.log(json ? JSON.stringify({ id }) : `Created epic ${id}`);
  }
  throw new ApiError(`Unknown: epics ${sub ?? ""}\n\n${USAGE}`, 0, null);
}

async function run(
  api: Api,
  sub: string | undefined,
  args: string[],
  flags: Flags,
  out: Out,
  json: boolean,
): Promise<number | void> {
  const id = need(args[0], sub === "start" ? "<epic-id>" : "<run-id>");
  switch (sub) {
    case "start": {
      const started = await api<{ runId: string; gated: boolean }>("POST", "/runs", {
        epicId: id,
        patternIds: (flags.pattern as string[] | undefined) ?? [],
      });
      out.log(
        json
          ? JSON.stringify(started)
          : started.gated
            ? `Run ${started.runId} waits for an approval before it starts.`
            : `Started run ${started.runId}`,
      );
      return flags.watch ? watch(api, started.runId, out) : undefined;
    }
    case "status": {
      const r = await api<
        RunView & { id: string; phase: string; error: string | null; resultSummary: string | null }
      >("GET", `/runs/${id}`);
      if (json) return out.log(JSON.stringify(r, null, 2));
      out.log(`${r.phase} run ${r.id}`);
      out.log(progressLine(r, out.columns));
      if (r.resultSummary) out.log(r.resultSummary);
      if (r.error) out.log(`Error: ${r.error}`);
      return;
    }
    case "feedback": {
      const sent = await api<{ status: string; runId: string }>("POST", `/runs/${id}/feedback`, {
        message: need(args[1], "<message>"),
        mode: flags.interrupt ? "interrupt" : "send",
        clientKey: `cli-${randomUUID()}`,
      });
      return out.log(
        json
          ? JSON.stringify(sent)
          : sent.runId === id
            ? `Feedback ${sent.status}.`
            : `The run had ended: it continues as run ${sent.runId}.`,
      );
    }
    case "kill":
      await api("POST", `/runs/${id}/kill`);
      return out.log(json ? JSON.stringify({ ok: true }) : `Killing run ${id}.`);
    case "watch":
      return watch(api, id, out);
  }
  throw new ApiError(`Unknown: run ${sub ?? ""}\n\n${USAGE}`, 0, null);
}

async function decisions(
  api: Api,
  sub: string | undefined,
  args: string[],
  flags: Flags,
  out: Out,
  json: boolean,
) {
  if (sub === "list") {
    const { decisions: list } = await api<{
      decisions: {
        id: string;
        title: string;
        status: string;
        epicTitle: string | null;
        options: { key: string; label: string }[];
      }[];
    }>("GET", `/decisions?${new URLSearchParams({ status: (flags.status as string) ?? "open" })}`);
    if (json) return out.log(JSON.stringify(list, null, 2));
    if (!list.length) return out.log("No decisions waiting.");
    for (const d of list)
      out.log(
        `${d.id}  ${d.title}${d.epicTitle ? `  [${d.epicTitle}]` : ""}\n    options: ${d.options.map((o) => `${o.key} (${o.label})`).join(", ")}`,
      );
    return;
  }
  if (sub === "answer") {
    const id = need(args[0], "<decision-id>");
    await api("POST", `/decisions/${id}/answer`, {
      option: need(args[1], "<option>"),
      comment: (flags.comment as string) ?? "",
      clientKey: `cli-${randomUUID()}`,
    });
    return out.log(json ? JSON.stringify({ ok: true }) : `Answered ${id}: ${args[1]}`);
  }
  throw new ApiError(`Unknown: decisions ${sub ?? ""}\n\n${USAGE}`, 0, null);
}

/** Runs one command; returns the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  out: Out,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        project: { type: "string" },
        phase: { type: "string" },
        status: { type: "string" },
        search: { type: "string" },
        title: { type: "string" },
        description: { type: "string" },
        type: { type: "string" },
        priority: { type: "string" },
        pattern: { type: "string", multiple: true },
        watch: { type: "boolean" },
        interrupt: { type: "boolean" },
        comment: { type: "string" },
        epic: { type: "string" },
        run: { type: "string" },
        stat: { type: "boolean" },
        strategy: { type: "string" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    out.log(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [group, sub, ...rest] = parsed.positionals;
  if (!group || parsed.values.help) {
    out.log(USAGE);
    return group ? 0 : 2;
  }
  try {
    const api = apiClient(env);
    const json = Boolean(parsed.values.json);
    const code =
      group === "epics"
        ? await epics(api, sub, parsed.values, out, json)
        : group === "run"
          ? await run(api, sub, rest, parsed.values, out, json)
          : group === "decisions"
            ? await decisions(api, sub, rest, parsed.values, out, json)
            : await review(api, group, parsed.positionals.slice(1), parsed.values, out, json);
    return typeof code === "number" ? code : 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    out.log(`hiveboard: ${error.message}`);
    for (const [field, message] of Object.entries(error.details ?? {}))
      out.log(`  ${field}: ${message}`);
    return 1;
  }
}

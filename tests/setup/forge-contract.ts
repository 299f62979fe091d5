import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

/**
 * The forge, the one third party here we cannot run: a contract server that answers as GitHub's
 * REST API documents it (pulls, reviews, check runs, combined commit status; Bearer token; 401
 * "Bad credentials"; 422 "Validation Failed" for a head branch that does not exist or already has
 * an open pull request), and, under /api/v1, as Gitea's does (`Authorization: token`, statuses
 * with `status` rather than `state`, no check runs, 409 for a duplicate pull request).
 * The head branch is looked up on the real remote the test serves.
 */
export function serveForge(opts: { token: string; headOf: (branch: string) => string | null }) {
  type Pull = {
    number: number;
    title: string;
    body: string;
    head: string;
    base: string;
    state: "open" | "closed";
    merged: boolean;
  };
  const state = {
    pulls: [] as Pull[],
    checkRuns: new Map<string, object[]>(),
    statuses: new Map<string, object[]>(),
    reviews: new Map<number, object[]>(),
    requests: [] as { method: string; path: string; body: unknown; auth: string }[],
  };
  let server: Server;
  let url = "";
  const pullJson = (p: Pull, gitea: boolean, repo: string) => ({
    id: 1000 + p.number,
    number: p.number,
    html_url: gitea
      ? `${url}/${repo}/pulls/${p.number}`
      : `https://github.com/${repo}/pull/${p.number}`,
    state: p.state,
    title: p.title,
    body: p.body,
    head: { ref: p.head, sha: opts.headOf(p.head) },
    base: { ref: p.base },
    merged: p.merged,
    merged_at: p.merged ? "2026-12-03T10:00:00Z" : null,
  });
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString();
      const body = text ? JSON.parse(text) : undefined;
      const u = new URL(req.url ?? "/", "http://x");
      const gitea = u.pathname.startsWith("/api/v1/");
      const p = gitea ? u.pathname.slice("/api/v1".length) : u.pathname;
      const auth = req.headers.authorization ?? "";
      state.requests.push({ method: req.method ?? "", path: u.pathname, body, auth });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      const expected = gitea ? `token ${opts.token}` : `Bearer ${opts.token}`;
      if (auth !== expected)
        return send(401, {
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/rest",
        });
      const m = /^\/repos\/([^/]+\/[^/]+)\/(.+)$/.exec(p);
      if (!m) return send(404, { message: "Not Found" });
      const [, repo, rest] = m;
      if (rest === "pulls" && req.method === "POST") {
        if (!body?.head || !body?.base || !body?.title)
          return send(422, {
            message: "Validation Failed",
            errors: [{ resource: "PullRequest", code: "missing_field" }],
          });
        if (!opts.headOf(body.head))
          return send(422, {
            message: "Validation Failed",
            errors: [{ resource: "PullRequest", field: "head", code: "invalid" }],
          });
        if (state.pulls.some((x) => x.head === body.head && x.state === "open"))
          return gitea
            ? send(409, { message: "pull request already exists for these targets" })
            : send(422, {
                message: "Validation Failed",
                errors: [
                  {
                    resource: "PullRequest",
                    code: "custom",
                    message: `A pull request already exists for ${body.head}.`,
                  },
                ],
              });
        const pull: Pull = {
          number: state.pulls.length + 1,
          title: body.title,
          body: body.body ?? "",
          head: body.head,
          base: body.base,
          state: "open",
          merged: false,
        };
        state.pulls.push(pull);
        return send(201, pullJson(pull, gitea, repo));
      }
      const pm = /^pulls\/(\d+)(\/reviews)?$/.exec(rest);
      if (pm) {
        const pull = state.pulls.find((x) => x.number === Number(pm[1]));
        if (!pull) return send(404, { message: "Not Found" });
        if (pm[2]) return send(200, state.reviews.get(pull.number) ?? []);
        if (req.method === "PATCH") {
          Object.assign(pull, {
            ...(body.title ? { title: body.title } : {}),
            ...(body.body !== undefined ? { body: body.body } : {}),
            ...(body.state ? { state: body.state } : {}),
          });
        }
        return send(200, pullJson(pull, gitea, repo));
      }
      const cm = /^commits\/([^/]+)\/(check-runs|status)$/.exec(rest);
      if (cm) {
        if (cm[2] === "check-runs") {
          if (gitea) return send(404, { message: "Not Found" });
          const runs = state.checkRuns.get(cm[1]) ?? [];
          return send(200, { total_count: runs.length, check_runs: runs });
        }
        const statuses = state.statuses.get(cm[1]) ?? [];
        const states = statuses.map(
          (s) =>
            (s as { state?: string; status?: string }).state ?? (s as { status?: string }).status,
        );
        return send(200, {
          state: states.some((s) => s === "failure" || s === "error")
            ? "failure"
            : states.some((s) => s === "pending")
              ? "pending"
              : "success",
          sha: cm[1],
          total_count: statuses.length,
          statuses,
        });
      }
      send(404, { message: "Not Found" });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return { url: () => url, state };
}

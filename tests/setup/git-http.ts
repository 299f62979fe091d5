import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A real git remote for tests: a bare repository served over git's smart HTTP protocol by
 * `git http-backend` (the CGI program git ships) behind a small HTTP server on 127.0.0.1. Pushes
 * need Basic auth whose password is `token`; every Authorization header seen is kept.
 */
export function serveGitRemote(token: string) {
  const root = mkdtempSync(path.join(tmpdir(), "hb-remote-"));
  const bare = path.join(root, "repo.git");
  execFileSync("git", ["init", "-q", "--bare", bare]);
  const seen: string[] = [];
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const auth = req.headers.authorization ?? "";
      seen.push(auth);
      const password = Buffer.from(auth.replace(/^Basic /, ""), "base64")
        .toString()
        .split(":")
        .slice(1)
        .join(":");
      if (password !== token) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="test"' });
        return void res.end("Bad credentials");
      }
      const u = new URL(req.url ?? "/", "http://x");
      const body = Buffer.concat(chunks);
      const cgi = spawn("git", ["http-backend"], {
        env: {
          ...process.env,
          GIT_PROJECT_ROOT: root,
          GIT_HTTP_EXPORT_ALL: "1",
          PATH_INFO: u.pathname,
          QUERY_STRING: u.search.slice(1),
          REQUEST_METHOD: req.method ?? "GET",
          CONTENT_TYPE: req.headers["content-type"] ?? "",
          CONTENT_LENGTH: String(body.length),
          HTTP_CONTENT_ENCODING: String(req.headers["content-encoding"] ?? ""),
          REMOTE_USER: "hiveboard",
          REMOTE_ADDR: "127.0.0.1",
        },
      });
      const out: Buffer[] = [];
      cgi.stdout.on("data", (d: Buffer) => out.push(d));
      cgi.stdin.end(body);
      await new Promise((r) => cgi.on("close", r));
      const all = Buffer.concat(out);
      const split = all.indexOf("\r\n\r\n");
      const head = all.subarray(0, split).toString().split("\r\n");
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head) {
        const [k, ...v] = line.split(":");
        if (k.toLowerCase() === "status") status = Number(v.join(":").trim().split(" ")[0]);
        else headers[k.toLowerCase()] = v.join(":").trim();
      }
      res.writeHead(status, headers);
      res.end(all.subarray(split + 4));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return {
    url: () => url,
    bare,
    seen,
    /** The commit a branch points at on the remote, or null. */
    head: (branch: string) => {
      try {
        return execFileSync("git", ["rev-parse", `refs/heads/${branch}`], {
          cwd: bare,
          encoding: "utf8",
        }).trim();
      } catch {
        return null;
      }
    },
  };
}

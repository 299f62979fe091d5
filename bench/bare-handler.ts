// The baseline of bench/mixed-load.ts: a bare node:http handler doing the same database reads and
// writes as the REST routes it stands beside (the same service functions, the same Prisma client
// and SQLite file) with nothing else: no Next.js routing, no sign-in check, no zod, no idempotency.
//   GET  /read             = GET /api/v1/epics?project=demo&limit=50
//   POST /write/{epicId}   = POST /api/v1/epics/{id}/todos  (the todo, its audit row, one transaction)
import { createServer } from "node:http";

const { dbReady } = await import("@/lib/db/client");
const { listEpics } = await import("@/lib/services/board");
const { addTodo } = await import("@/lib/services/todos");
const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");
const { page } = await import("@/lib/http/operation");

await dbReady();
const server = createServer(async (req, res) => {
  const send = (status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  try {
    if (req.method === "GET" && req.url === "/read") {
      const found = await listEpics({ project: "demo", limit: 50 });
      return send(200, found && page(found.rows, 50, "epics"));
    }
    const write = /^\/write\/([\w-]+)$/.exec(req.url ?? "");
    if (req.method === "POST" && write) {
      let text = "";
      for await (const chunk of req) text += chunk;
      const { content } = JSON.parse(text) as { content: string };
      const result = await addTodo(SYSTEM_ACTOR, {
        epicId: write[1],
        content,
        priority: "medium",
      });
      return result.ok ? send(201, result.data) : send(409, result);
    }
    send(404, { error: "not here" });
  } catch (error) {
    send(500, { error: String(error) });
  }
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.stdout.write("ready\n"));

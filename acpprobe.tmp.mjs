import { spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { client, ndJsonStream, PROTOCOL_VERSION } from "@agentclientprotocol/sdk";
const [cmd, ...args] = process.argv.slice(2);
const home = "/tmp/acp-home-" + Date.now();
const child = spawn(cmd, args, { env: { PATH: process.env.PATH, HOME: home }, stdio: ["pipe", "pipe", "pipe"] });
child.stderr.on("data", (d) => process.stderr.write("[stderr] " + d));
const s = ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout));
const conn = client({ name: "probe" }).onNotification("session/update", ({ params }) => console.log("update", JSON.stringify(params))).onRequest("session/request_permission", ({params}) => { console.log("perm", JSON.stringify(params)); return { outcome: { outcome: "cancelled" } }; }).connect(s);
const t0 = Date.now();
try {
  const init = await conn.agent.request("initialize", { protocolVersion: PROTOCOL_VERSION, clientCapabilities: { fs: { readTextFile: false, writeTextFile: false }, terminal: false }, clientInfo: { name: "hiveboard", version: "1" } });
  console.log("init", JSON.stringify(init));
  const ses = await conn.agent.request("session/new", { cwd: "/tmp", mcpServers: [] });
  console.log("new", JSON.stringify(ses));
  const r = await conn.agent.request("session/prompt", { sessionId: ses.sessionId, prompt: [{ type: "text", text: "Say hi" }] });
  console.log("prompt", JSON.stringify(r));
} catch (e) { console.log("error", Date.now() - t0, "ms", JSON.stringify(e), e.message); }
child.kill();
process.exit(0);

// The baseline of bench/socket-memory.ts: a bare `ws` server that keeps its clients and does nothing else.
import { WebSocketServer } from "ws";

const wss = new WebSocketServer({ port: Number(process.argv[2]), host: "127.0.0.1" });
wss.on("connection", (socket) => socket.on("message", (m) => socket.send(m)));
wss.on("listening", () => process.stdout.write("ready\n"));

// A Node process's JS heap in use after a full GC, read through its inspector (started with
// --inspect=127.0.0.1:<port>): what separates a leak in JavaScript from RSS the allocator keeps.
import WebSocket from "ws";

export async function nodeHeapAfterGc(inspectPort: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let id = 0;
  const send = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const me = ++id;
      const onMessage = (raw: WebSocket.RawData) => {
        const msg = JSON.parse(raw.toString()) as { id?: number; result?: Record<string, number> };
        if (msg.id !== me) return;
        ws.off("message", onMessage);
        resolve(msg.result ?? {});
      };
      ws.on("message", onMessage);
      ws.send(JSON.stringify({ id: me, method }));
    });
  await send("HeapProfiler.collectGarbage");
  const { usedSize } = await send("Runtime.getHeapUsage");
  ws.close();
  return usedSize / 1024 / 1024;
}

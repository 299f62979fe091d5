// Imported first by a test about database outages: with TEST_POSTGRES_URL, this test file's
// database is reached through a TCP proxy the test can cut and restore — PostgreSQL going away
// and coming back as a restart or a network cut looks to the nodes, without stopping the server
// other test files share.
import net from "node:net";

const sockets = new Set<net.Socket>();
let server: net.Server | null = null;
let port = 0;
let target: URL | null = null;

function listen(): Promise<void> {
  server = net.createServer((client) => {
    const upstream = net.connect(Number(target!.port || 5432), target!.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  return new Promise((resolve) =>
    server!.listen(port, "127.0.0.1", () => {
      port = (server!.address() as net.AddressInfo).port;
      resolve();
    }),
  );
}

if (process.env.TEST_POSTGRES_URL && process.env.DATABASE_URL?.startsWith("postgres")) {
  target = new URL(process.env.DATABASE_URL);
  await listen();
  const viaProxy = new URL(process.env.DATABASE_URL);
  viaProxy.host = `127.0.0.1:${port}`;
  process.env.DATABASE_URL = viaProxy.toString();
}

/** The database the proxy leads to, reached directly (another node's view during a cut). */
export const directDatabaseUrl = target?.toString() ?? null;

/** The database goes away: open connections drop, new ones are refused. */
export async function cutDatabase(): Promise<void> {
  const closed = new Promise((resolve) => server!.close(resolve));
  for (const s of sockets) s.destroy();
  await closed;
}

/** The database is back on the same address. */
export function restoreDatabase(): Promise<void> {
  return listen();
}

import "server-only";
import { spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { client, ndJsonStream, PROTOCOL_VERSION } from "@agentclientprotocol/sdk";
import { agentEnvironment } from "./agent-env";
import { CLIENT_CAPABILITIES } from "./acp";

export type AcpProbe = {
  ok: boolean;
  /** The agent's own name and version, as its `initialize` answer gives them. */
  version: string | null;
  /** How the agent says one logs in (its authMethods' names); empty when it names none. */
  authMethods: string[];
  loadSession: boolean;
  error: string | null;
};

/**
 * A cheap look at an ACP agent: start it as a run would, send only `initialize`, read its answer
 * (name, version, capabilities, how to log in), end it. No session is opened, nothing is billed.
 */
export async function probeAcpAgent(
  command: string,
  args: string[],
  timeoutMs = 15_000,
): Promise<AcpProbe> {
  const child = spawn(command, args, {
    env: agentEnvironment(),
    stdio: ["pipe", "pipe", "ignore"],
  });
  child.stdin.on("error", () => undefined);
  const failed = (error: string): AcpProbe => ({
    ok: false,
    version: null,
    authMethods: [],
    loadSession: false,
    error,
  });
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<AcpProbe>((resolve) => {
    child.on("error", (e) => resolve(failed(e.message)));
    child.on("close", (code) => resolve(failed(`exited with code ${code} before answering`)));
    timer = setTimeout(() => resolve(failed(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const stream = ndJsonStream(
    Writable.toWeb(child.stdin) as WritableStream<Uint8Array>,
    Readable.toWeb(child.stdout) as ReadableStream<Uint8Array>,
  );
  const connection = client({ name: "hiveboard" }).connect(stream);
  const answered = connection.agent
    .request("initialize", {
      protocolVersion: PROTOCOL_VERSION,
      clientCapabilities: CLIENT_CAPABILITIES,
      clientInfo: { name: "hiveboard", title: "Hiveboard", version: "1" },
    })
    .then(
      (init): AcpProbe => ({
        ok: true,
        version: init.agentInfo
          ? `${init.agentInfo.title ?? init.agentInfo.name} ${init.agentInfo.version}`
          : null,
        authMethods: (init.authMethods ?? []).map((m) => m.name),
        loadSession: Boolean(init.agentCapabilities?.loadSession),
        error: null,
      }),
      (e: unknown) => failed(e instanceof Error ? e.message : String(e)),
    );
  try {
    return await Promise.race([answered, exited]);
  } finally {
    clearTimeout(timer);
    connection.close();
    child.stdin.end();
    child.kill("SIGTERM");
  }
}

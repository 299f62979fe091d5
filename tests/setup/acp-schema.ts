// What Hiveboard sends an ACP agent, checked against the protocol's own schema: the SDK's zod
// schemas, generated from the protocol's JSON schema (not in the package's exports map).
import path from "node:path";
import type { AnyMessage } from "@agentclientprotocol/sdk";
import { expect } from "vitest";
import type { z } from "zod";

export const schema = (await import(
  path.resolve("node_modules/@agentclientprotocol/sdk/dist/v1/schema/zod.gen.js")
)) as Record<string, z.ZodType>;
const CLIENT_SENDS: Record<string, string> = {
  initialize: "zInitializeRequest",
  "session/new": "zNewSessionRequest",
  "session/load": "zLoadSessionRequest",
  "session/prompt": "zPromptRequest",
  "session/cancel": "zCancelNotification",
  "session/set_config_option": "zSetSessionConfigOptionRequest",
};

/** Every message Hiveboard wrote, valid by the protocol's schema (requests and the answers it gave). */
export function expectValid(sent: AnyMessage[], atLeast = 3) {
  expect(sent.length).toBeGreaterThanOrEqual(atLeast);
  for (const m of sent) {
    if ("method" in m) {
      const name = CLIENT_SENDS[m.method];
      expect(name, `a schema for ${m.method}`).toBeTruthy();
      const parsed = schema[name].safeParse(m.params);
      expect(parsed.success, `${m.method}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    } else if ("result" in m) {
      // Our answers to the agent's requests: permission outcomes.
      const parsed = schema.zRequestPermissionResponse.safeParse(m.result);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  }
}

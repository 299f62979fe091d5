import { describe, expect, it } from "vitest";
import { resolveActor } from "@/lib/auth/actor";
import { registerEnvAdminKey } from "@/lib/auth/api-keys";
import { freshDb } from "../setup/db";

const KEY = "automation-key-0123456789abcdefghijkl";
process.env.HIVEBOARD_ADMIN_API_KEY = KEY;
const db = await freshDb();

describe("HIVEBOARD_ADMIN_API_KEY", () => {
  it("registers the key as an admin key at start, once; a revoked one stays revoked after a restart", async () => {
    await registerEnvAdminKey();
    await registerEnvAdminKey();
    expect(await db.apiKey.count({ where: { name: "HIVEBOARD_ADMIN_API_KEY" } })).toBe(1);
    expect(await resolveActor({ headers: new Headers({ "x-api-key": KEY }) })).toMatchObject({
      type: "api_key",
      role: "admin",
    });
    await db.apiKey.updateMany({ data: { revokedAt: new Date() } });
    expect((await resolveActor({ headers: new Headers({ "x-api-key": KEY }) })).role).toBeNull();
    expect(await registerEnvAdminKey()).toBe("revoked");
    expect(
      (await resolveActor({ headers: new Headers({ authorization: `Bearer ${KEY}` }) })).role,
    ).toBeNull();
  });

  it("stores only the key's hash", async () => {
    const row = await db.apiKey.findFirstOrThrow({ where: { name: "HIVEBOARD_ADMIN_API_KEY" } });
    expect(row.hash).not.toContain(KEY);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

// An admin deactivates a person (their session stops working at once, signing in is refused,
// their sockets close) and reactivates them; invites can be revoked before use, and the list says
// who used one. Real accounts through better-auth on a real SQLite file.
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { resolveActor } from "@/lib/auth/actor";
import { createInvite, redeemInvite, signIn } from "@/lib/services/accounts";
import { listAccounts } from "@/lib/services/account-queries";
import { revokeInvite, setUserActive } from "@/lib/services/people";
import { freshDb } from "../setup/db";
import { actorOf } from "../setup/actors";
import { PERSON_PASSWORD, personWithSession } from "../setup/people";
import { realtimeServer } from "../setup/realtime";

const db = await freshDb();
const server = realtimeServer();
const PASSWORD = PERSON_PASSWORD;
const ctx = (ip: string) => ({ ip, headers: new Headers() });

const person = (email: string) => personWithSession(email, `Person ${email}`);

describe("deactivating a person", () => {
  it("ends their session and sockets at once and refuses their sign-in, until reactivated", async () => {
    const p = await person("leaver@example.com");
    const s = connect(server.url(), {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: p.cookie },
    });
    await new Promise<void>((ok, ko) => (s.on("connect", ok), s.on("connect_error", ko)));
    const gone = new Promise<string>((r) => s.on("disconnect", r));

    const r = await setUserActive(actorOf("admin"), { userId: p.userId, active: false });
    expect(r).toMatchObject({ ok: true });
    expect(await gone).toBe("io server disconnect");
    expect(await resolveActor({ headers: new Headers({ cookie: p.cookie }) })).toMatchObject({
      role: null,
    });
    expect(
      await signIn({ email: "leaver@example.com", password: PASSWORD }, ctx("10.1.0.1")),
    ).toMatchObject({
      ok: false,
      code: "deactivated",
      message: "This account is deactivated: ask an admin to reactivate it.",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "user.deactivate", objectId: p.userId },
    });
    expect(audit.actorLabel).toBe(actorOf("admin").label);

    expect(await setUserActive(actorOf("admin"), { userId: p.userId, active: true })).toMatchObject(
      { ok: true },
    );
    expect(
      await signIn({ email: "leaver@example.com", password: PASSWORD }, ctx("10.1.0.2")),
    ).toMatchObject({ ok: true });
  });

  it("is not for oneself, nor for the last admin", async () => {
    const admin = actorOf("admin");
    expect(await setUserActive(admin, { userId: admin.id!, active: false })).toMatchObject({
      ok: false,
      code: "self",
    });
    const only = await db.user.create({
      data: { name: "Only Admin", email: "only-admin@example.com", role: "admin" },
    });
    await db.user.updateMany({
      where: { role: "admin", id: { not: only.id } },
      data: { role: "manager" },
    });
    expect(await setUserActive(admin, { userId: only.id, active: false })).toMatchObject({
      ok: false,
      code: "last-admin",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: only.id } })).deactivatedAt).toBeNull();
  });
});

/** An invite made by the admin: its id and the token its link carries. */
async function invite(role: "approver" | "viewer") {
  const made = await createInvite(actorOf("admin"), { role, email: null });
  if (!made.ok) throw new Error(made.message);
  const { id, path } = made.data as { id: string; path: string };
  return { id, token: path.split("/").pop()! };
}
const redeem = (token: string, name: string, email: string, ip: string) =>
  redeemInvite({ token, name, email, password: PASSWORD }, ctx(ip));

describe("invites", () => {
  it("can be revoked before use: the link stops working; the list says revoked", async () => {
    const { id, token } = await invite("approver");
    expect(await revokeInvite(actorOf("admin"), { id })).toMatchObject({ ok: true });
    const redeemed = await redeem(token, "Late", "late@example.com", "10.1.0.3");
    expect(redeemed).toMatchObject({ ok: false, code: "invite-invalid" });
    expect(await db.user.count({ where: { email: "late@example.com" } })).toBe(0);
    const row = (await listAccounts()).invites.find((i) => i.id === id)!;
    expect(row.revokedAt).not.toBeNull();
  });

  it("say who used them; a used one cannot be revoked", async () => {
    const { id, token } = await invite("viewer");
    const redeemed = await redeem(token, "Vera Viewer", "vera@example.com", "10.1.0.4");
    expect(redeemed).toMatchObject({ ok: true });
    expect((await listAccounts()).invites.find((i) => i.id === id)).toMatchObject({
      usedBy: "Vera Viewer",
    });
    expect(await revokeInvite(actorOf("admin"), { id })).toMatchObject({
      ok: false,
      code: "invite-used",
    });
  });
});

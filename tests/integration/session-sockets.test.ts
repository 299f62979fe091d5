// A signed-in person's sockets: authorized by the session cookie, cut off at once when an admin
// changes their role or signs them out everywhere.
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { resolveActor } from "@/lib/auth/actor";
import { changeRole, revokeUserSessions } from "@/lib/services/accounts";
import { freshDb } from "../setup/db";
import { actorOf } from "../setup/actors";
import { personWithSession } from "../setup/people";
import { realtimeServer } from "../setup/realtime";

const db = await freshDb();
const server = realtimeServer();

const person = (email: string) => personWithSession(email);
const socketWith = (cookie: string) =>
  connect(server.url(), {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
  });
const connected = (s: ReturnType<typeof socketWith>) =>
  new Promise<void>((resolve, reject) => (s.on("connect", resolve), s.on("connect_error", reject)));

describe("sockets of a signed-in person", () => {
  it("are authorized by the session, as the person's current role", async () => {
    const p = await person("dev1@example.com");
    expect(await resolveActor({ headers: new Headers({ cookie: p.cookie }) })).toMatchObject({
      type: "user",
      id: p.userId,
      role: "developer",
    });
    const s = socketWith(p.cookie);
    await connected(s);
    s.close();
  });

  it("are disconnected the moment their role changes", async () => {
    const p = await person("dev2@example.com");
    const s = socketWith(p.cookie);
    await connected(s);
    const gone = new Promise<string>((r) => s.on("disconnect", r));
    expect(await changeRole(actorOf("admin"), { userId: p.userId, role: "viewer" })).toMatchObject({
      ok: true,
    });
    expect(await gone).toBe("io server disconnect");
    expect((await resolveActor({ headers: new Headers({ cookie: p.cookie }) })).role).toBe(
      "viewer",
    );
  });

  it("are disconnected and refused again once signed out everywhere", async () => {
    const p = await person("dev3@example.com");
    const s = socketWith(p.cookie);
    await connected(s);
    const gone = new Promise<string>((r) => s.on("disconnect", r));
    await revokeUserSessions(actorOf("admin"), { userId: p.userId });
    expect(await gone).toBe("io server disconnect");
    await expect(connected(socketWith(p.cookie))).rejects.toThrow("Sign in first.");
  });

  it("keeps the last admin an admin", async () => {
    const admin = await db.user.create({
      data: { name: "Only Admin", email: "only@example.com", role: "admin" },
    });
    expect(await changeRole(actorOf("admin"), { userId: admin.id, role: "viewer" })).toMatchObject({
      ok: false,
      code: "last-admin",
    });
  });
});

import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { asRole, type Actor } from "@/lib/auth/actor";
import { generateKey, hashKey } from "@/lib/auth/api-keys";
import { getAuth } from "@/lib/auth/better-auth";
import { rateLimit } from "@/lib/auth/rate-limit";
import { recordAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import type { ActionResult } from "@/lib/schemas/common";
import type {
  ChangeRoleSchema,
  CreateApiKeySchema,
  CreateInviteSchema,
  RedeemInviteSchema,
  SetupSchema,
  SignInSchema,
} from "@/lib/schemas/account";
import { revokeSockets } from "@/lib/realtime/publish";
import { commitChange, fail } from "./commit-change";

export type RequestContext = { headers: Headers; ip: string };
const INVITE_DAYS = 7;

type AuthRefusal = {
  name: "APIError";
  message: string;
  body?: { message?: string; code?: string };
};

/**
 * better-auth's expected refusals (wrong password, taken email). Recognized by shape: server.ts
 * and Next's bundle load better-auth separately, so the class seen here may not be the one thrown.
 */
function isAuthRefusal(error: unknown): error is AuthRefusal {
  return (
    typeof error === "object" && error !== null && (error as { name?: unknown }).name === "APIError"
  );
}

/** better-auth's refusals, as messages on the right field. */
function authFailure(error: unknown): ActionResult<never> {
  if (!isAuthRefusal(error)) throw error;
  const message = error.body?.message ?? error.message;
  if (/already exists/i.test(message))
    return fail("email-taken", "That email has an account already.", {
      email: "This email has an account already: sign in instead",
    });
  if (/password/i.test(message)) return fail("invalid-password", message, { password: message });
  return fail("auth-refused", message);
}

async function signUp(
  input: { name: string; email: string; password: string },
  ctx: RequestContext,
) {
  // Called server-side only: no public sign-up endpoint is mounted. Sets the session cookie.
  const result = await getAuth().api.signUpEmail({ body: input, headers: ctx.headers });
  return result.user.id;
}

/** The one-time set-up of a fresh install: its first account, an admin. */
export async function setupFirstAdmin(
  input: z.output<typeof SetupSchema>,
  ctx: RequestContext,
): Promise<ActionResult<{ userId: string }>> {
  const limited = await rateLimit("sign-up", ctx.ip);
  if (limited) return limited;
  const db = getDb();
  if ((await db.user.count()) > 0)
    return fail("setup-done", "Hiveboard is set up already: sign in instead.");
  let userId: string;
  try {
    userId = await signUp(input, ctx);
  } catch (error) {
    return authFailure(error);
  }
  // Two set-ups racing: only the first account may become the admin.
  const first = await db.user.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (first?.id !== userId) {
    await db.user.delete({ where: { id: userId } });
    return fail(
      "setup-done",
      "Hiveboard was set up a moment ago by someone else: sign in instead.",
    );
  }
  await db.user.update({ where: { id: userId }, data: { role: "admin" } });
  await recordAudit(
    db,
    { type: "user", id: userId, label: input.name, role: "admin", ip: ctx.ip },
    { action: "user.setup", objectType: "user", objectId: userId, data: { email: input.email } },
  );
  return { ok: true, data: { userId } };
}

export async function signIn(
  input: z.output<typeof SignInSchema>,
  ctx: RequestContext,
): Promise<ActionResult<{ userId: string }>> {
  const limited = await rateLimit("sign-in", `${ctx.ip}:${input.email}`);
  if (limited) return limited;
  const person = await getDb().user.findUnique({
    where: { email: input.email },
    select: { deactivatedAt: true },
  });
  if (person?.deactivatedAt)
    return fail("deactivated", "This account is deactivated: ask an admin to reactivate it.");
  try {
    const result = await getAuth().api.signInEmail({ body: input, headers: ctx.headers });
    return { ok: true, data: { userId: result.user.id } };
  } catch (error) {
    if (isAuthRefusal(error))
      return fail("invalid-credentials", "Email or password is wrong.", {
        password: "Email or password is wrong",
      });
    throw error;
  }
}

export async function signOut(
  actor: Actor,
  ctx: RequestContext,
): Promise<ActionResult<{ signedOut: true }>> {
  await getAuth()
    .api.signOut({ headers: ctx.headers })
    .catch(() => undefined);
  if (actor.sessionId) revokeSockets([`session:${actor.sessionId}`]);
  return { ok: true, data: { signedOut: true } };
}

export function createInvite(actor: Actor, input: z.output<typeof CreateInviteSchema>) {
  const token = randomBytes(24).toString("base64url");
  return commitChange(actor, async (tx) => {
    const invite = await tx.invite.create({
      data: {
        tokenHash: hashKey(token),
        role: input.role,
        email: input.email,
        createdById: actor.id,
        expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
      },
    });
    return {
      ok: true,
      value: { id: invite.id, path: `/invite/${token}`, expiresAt: invite.expiresAt.toISOString() },
      audit: {
        action: "invite.create",
        objectType: "invite",
        objectId: invite.id,
        data: { role: input.role, email: input.email },
      },
    };
  });
}

export async function redeemInvite(
  input: z.output<typeof RedeemInviteSchema>,
  ctx: RequestContext,
): Promise<ActionResult<{ userId: string }>> {
  const limited = await rateLimit("invite-redeem", ctx.ip);
  if (limited) return limited;
  const db = getDb();
  const invite = await db.invite.findUnique({ where: { tokenHash: hashKey(input.token) } });
  if (!invite || invite.usedAt || invite.revokedAt)
    return fail(
      "invite-invalid",
      "This invite link is not valid or was used already. Ask an admin for a new one.",
    );
  if (invite.expiresAt < new Date())
    return fail("invite-expired", "This invite link has expired. Ask an admin for a new one.");
  if (invite.email && invite.email !== input.email)
    return fail("invite-email", "This invite is for another email address.", {
      email: `This invite is for ${invite.email}`,
    });
  // Claim the invite first (one conditional update), so a link works exactly once.
  const claimed = await db.invite.updateMany({
    where: { id: invite.id, usedAt: null, revokedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return fail("invite-invalid", "This invite link was used a moment ago.");
  let userId: string;
  try {
    userId = await signUp({ name: input.name, email: input.email, password: input.password }, ctx);
  } catch (error) {
    await db.invite.update({ where: { id: invite.id }, data: { usedAt: null } });
    return authFailure(error);
  }
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { role: invite.role } }),
    db.invite.update({ where: { id: invite.id }, data: { usedById: userId } }),
  ]);
  await recordAudit(
    db,
    { type: "user", id: userId, label: input.name, role: asRole(invite.role), ip: ctx.ip },
    { action: "invite.redeem", objectType: "user", objectId: userId, data: { role: invite.role } },
  );
  return { ok: true, data: { userId } };
}

export async function changeRole(actor: Actor, input: z.output<typeof ChangeRoleSchema>) {
  const result = await commitChange(actor, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return fail("user-not-found", "No such user.");
    if (
      user.role === "admin" &&
      input.role !== "admin" &&
      (await tx.user.count({ where: { role: "admin" } })) === 1
    ) {
      return fail("last-admin", "This is the only admin: make someone else admin first.");
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    return {
      ok: true,
      value: { userId: user.id },
      audit: {
        action: "user.role",
        objectType: "user",
        objectId: user.id,
        data: { from: user.role, to: input.role },
      },
    };
  });
  // Their open sockets were authorized for the old role: close them now; they reconnect as the new one.
  if (result.ok) revokeSockets([`user:${input.userId}`]);
  return result;
}

export async function revokeUserSessions(actor: Actor, input: { userId: string }) {
  const result = await commitChange(actor, async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: input.userId } });
    return {
      ok: true,
      value: { revoked: count },
      audit: {
        action: "user.sessions_revoke",
        objectType: "user",
        objectId: input.userId,
        data: { count },
      },
    };
  });
  if (result.ok) revokeSockets([`user:${input.userId}`]);
  return result;
}

export function createApiKey(actor: Actor, input: z.output<typeof CreateApiKeySchema>) {
  const { key, prefix, hash } = generateKey();
  return commitChange(actor, async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, role: input.role, prefix, hash, createdById: actor.id },
    });
    return {
      ok: true,
      value: { id: row.id, key },
      audit: {
        action: "api_key.create",
        objectType: "api_key",
        objectId: row.id,
        data: { name: input.name, role: input.role },
      },
    };
  });
}

export async function revokeApiKey(actor: Actor, input: { id: string }) {
  const result = await commitChange(actor, async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id: input.id } });
    if (!row) return fail("key-not-found", "No such API key.");
    if (row.revokedAt) return fail("key-revoked", "This key is revoked already.");
    await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    return {
      ok: true,
      value: { id: row.id },
      audit: {
        action: "api_key.revoke",
        objectType: "api_key",
        objectId: row.id,
        data: { name: row.name },
      },
    };
  });
  if (result.ok) revokeSockets([`key:${input.id}`]);
  return result;
}

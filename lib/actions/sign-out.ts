"use server";
import { headers } from "next/headers";
import { clientIp, currentActor } from "@/lib/auth/request-actor";
import { signOut } from "@/lib/services/accounts";

export async function signOutAction() {
  const h = await headers();
  return signOut(await currentActor(), { headers: h, ip: clientIp(h) });
}

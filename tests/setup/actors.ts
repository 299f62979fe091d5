import type { Actor } from "@/lib/auth/actor";
import { ROLES, type Role } from "@/lib/domain/permissions";

export const actorOf = (role: Role): Actor => ({
  type: "user",
  id: `u-${role}`,
  label: `${role[0].toUpperCase()}${role.slice(1)} Person`,
  role,
  ip: `10.0.0.${ROLES.indexOf(role) + 1}`,
});
export const ANONYMOUS: Actor = {
  type: "anonymous",
  id: null,
  label: "Anonymous",
  role: null,
  reason: "Sign in first.",
};

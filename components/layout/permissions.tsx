"use client";
import { createContext, useContext, type ReactNode } from "react";
import { can, type Permission, type Role } from "@/lib/domain/permissions";

export type Me = {
  name: string;
  role: Role | null;
  kind: "user" | "api_key" | "system" | "anonymous";
};
const MeContext = createContext<Me>({ name: "", role: null, kind: "anonymous" });

/** Who is signed in, for showing only what their role may do. The server decides regardless. */
export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export const useMe = () => useContext(MeContext);

export function useCan(permission: Permission): boolean {
  const { role } = useMe();
  return role !== null && can(role, permission);
}

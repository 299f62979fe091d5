import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";

// server.ts (run by tsx) and Next's server bundle load this module separately: one identity for
// the process lives on globalThis, or each copy would see the other's runs as another node's.
const g = globalThis as unknown as { __hiveboardNodeId?: string };

/** This process's identity as the owner of the runs it executes. */
export const NODE_ID: string = (g.__hiveboardNodeId ??= `node-${randomUUID().slice(0, 8)}`);
/** How long a node's claim on a run holds without renewal; renewed every quarter of it while the agent lives. */
export const LEASE_MS = env().HIVEBOARD_LEASE_MS;
export const leaseFromNow = () => new Date(Date.now() + LEASE_MS);

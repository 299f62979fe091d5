// Pure: the one permission table. Every server action, route handler and socket event asks it
// through lib/auth/authorize.ts; the UI asks it only to hide what a role may not do.

export const ROLES = ["viewer", "developer", "approver", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "board:read",
  "project:create",
  "project:update",
  "epic:create",
  "epic:update",
  "epic:move",
  "epic:delete",
  "todo:write",
  "pattern:write",
  "run:start",
  "run:steer",
  "decision:answer",
  /** Answer a run's tool approvals: approvers always; developers where their project allows (checked by the service). */
  "approval:answer",
  "decision:create",
  /** Comment on an epic's code lines, send the comments to its agent, give a review verdict. */
  "review:write",
  /** Merge an epic's branch into the default branch, or start a run that resolves its conflicts. */
  "code:merge",
  "pipeline:update",
  "audit:read",
  "admin:users",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = ["board:read"];
const DEVELOPER: Permission[] = [
  ...VIEWER,
  "run:start",
  "run:steer",
  "todo:write",
  "pattern:write",
  "approval:answer",
  "review:write",
  "code:merge",
];
const APPROVER: Permission[] = [...VIEWER, "decision:answer", "approval:answer", "review:write"];
const MANAGER: Permission[] = [
  ...new Set<Permission>([
    ...DEVELOPER,
    ...APPROVER,
    "project:create",
    "project:update",
    "epic:create",
    "epic:update",
    "epic:move",
    "epic:delete",
    "decision:create",
    "pipeline:update",
    "audit:read",
  ]),
];
const ADMIN: Permission[] = [...MANAGER, "admin:users"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  developer: new Set(DEVELOPER),
  approver: new Set(APPROVER),
  manager: new Set(MANAGER),
  admin: new Set(ADMIN),
};

/**
 * What a run's own key (its agent) may do — on its own run and epic only, whatever role the key
 * carries: read, keep its todos, add patterns it learned, ask for decisions, steer its own run.
 */
export const RUN_KEY_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "board:read",
  "todo:write",
  "pattern:write",
  "decision:create",
  "run:steer",
]);

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
